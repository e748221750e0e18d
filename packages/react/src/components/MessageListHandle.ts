/** Where {@link MessageListHandle.scrollToMessage} puts the message in the list's view. */
export type MessageAlignment = 'start' | 'center' | 'end' | 'auto';

/** How a {@link MessageListHandle} scroll moves: at once, or gliding ('smooth'). */
export type MessageListScrollBehavior = 'auto' | 'smooth';

/** Options of {@link MessageListHandle.scrollToMessage}. */
export interface ScrollToMessageOptions {
  /**
   * Where the message lands: 'start' (top of the view), 'center' (the default), 'end' (bottom), or
   * 'auto' (the least scrolling that shows it, none when it is already in view).
   */
  align?: MessageAlignment | undefined;
  /**
   * 'auto' (the default) jumps; 'smooth' glides, and from far away jumps to within two screens first
   * (as the new-messages pill does). A reader who asks the system for reduced motion is never glided.
   */
  behavior?: MessageListScrollBehavior | undefined;
}

/**
 * What `MessageList` offers the app through its `listRef` prop: scrolling that the app cannot do
 * itself, since the list virtualizes its rows (a message far up has no element to scroll to). A
 * message scrolled into view is marked read as any other, once it has been seen for `readDwellMs`.
 */
export interface MessageListHandle {
  /**
   * Scrolls to the message with this key (its `getMessageKey`, by default its `messageClientId`),
   * from the messages of the list's last render, older history the list has not shown yet included.
   * Returns false, and does not scroll, when no message has that key: load it (e.g. NIM's
   * `getMessageListByRefers` for a quoted message), give it in `messages`, and call again after the
   * render. Asked while the list is hidden (`display: none`), it scrolls once the list is shown.
   * Throws a `ReceiptError` (191004) for a key that is not a string, or options that are
   * not an object (or cannot be read) or unknown.
   */
  scrollToMessage(key: string, options?: ScrollToMessageOptions): boolean;
  /**
   * Scrolls to the newest message, gliding by default as the new-messages pill does ('auto' jumps);
   * the list then follows new messages again.
   */
  scrollToEnd(options?: { behavior?: MessageListScrollBehavior | undefined }): void;
}
