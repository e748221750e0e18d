import { ReceiptError } from '@readmark/core';
import { type Ref, type RefObject, useImperativeHandle, useInsertionEffect, useRef } from 'react';
import { useClientLayoutEffect } from '../hooks/useClientLayoutEffect';
import { lastIndexOfKey } from './lastIndexOfKey';
import type { MessageListHandle, ScrollToMessageOptions } from './MessageListHandle';
import { isGliding, jumpNear, scrollListToEnd } from './scrollListGlide';
import { HISTORY_STEP } from './useHistoryWindow';
import type { RowVirtualizer } from './useRowVirtualizer';
import { scrollCommandOf, type VirtualCorePrivate } from './virtualCorePrivate';

const alignments = ['start', 'center', 'end', 'auto'];
const behaviors = ['auto', 'smooth'];

/**
 * What the handle reads of the list's last commit, in this order (a tuple: property names would
 * survive minification): the app's messages, their key getter (`''` for an entry that is not a
 * message), the history window's `extend` (down to an index of the messages; undefined while the
 * window holds them all), the app's `onLoadOlder` (not read here) and the window's messages (the
 * rows).
 */
export type ListCommit<TMessage> = readonly [
  all: readonly TMessage[],
  keyOf: (message: TMessage) => string,
  extend: ((toIndex?: number) => void) | undefined,
  onLoadOlder: (() => void) | undefined,
  shown: readonly TMessage[],
];

/**
 * The options' fields, read once (none for undefined or null). What is not an object (a string such
 * as 'start') or cannot be read comes back with a `behavior` that is refused: a revoked Proxy (an
 * Immer draft kept after its producer ended) threw a TypeError.
 */
function readOptions(options: ScrollToMessageOptions | null | undefined): ScrollToMessageOptions {
  try {
    // Spread: every field read here, inside the try.
    if (typeof (options ?? {}) === 'object') return { ...options };
  } catch {
    // Unreadable: refused below.
  }
  return { behavior: null as never };
}

/**
 * Gives `listRef` the list's {@link MessageListHandle}. A message older than the history window
 * widens the window first and is scrolled to once that render has committed. Returns the handle's
 * `scrollToMessage`, for the list's own jumps (its unread line).
 */
export function useMessageListHandle<TMessage>(
  listRef: Ref<MessageListHandle> | undefined,
  scrollRef: RefObject<HTMLElement | null>,
  virtualizer: RowVirtualizer<HTMLElement, HTMLElement>,
  latest: RefObject<ListCommit<TMessage>>,
): MessageListHandle['scrollToMessage'] {
  /**
   * A scroll waiting for the window to widen, or for the list to be shown: the message's key and
   * the options. Any later call replaces it: the older one, done after the render, took the reader
   * away from the newer.
   */
  const waitingRef = useRef<[string, ScrollToMessageOptions] | undefined>(undefined);
  /** The jump under way: the message's key and the virtualizer's command for it. */
  const jumpRef = useRef<[string, object | null | undefined]>(['', null]);

  /** The row of the message with `key` in the last commit's window (-1: the window has none). */
  function rowOf(key: string): number {
    const [, keyOf, , , shown] = latest.current;
    return lastIndexOfKey(shown, keyOf, key);
  }

  /** Makes the jump that waits, if any. */
  function flushWaiting(): void {
    const waiting = waitingRef.current;
    waitingRef.current = undefined;
    if (waiting) scrollToMessage(...waiting);
  }

  function scrollToMessage(key: string, options?: ScrollToMessageOptions): boolean {
    const { align = 'center', behavior = 'auto' } = readOptions(options);
    if (typeof key !== 'string' || !alignments.includes(align) || !behaviors.includes(behavior)) {
      throw new ReceiptError(
        191004,
        '`scrollToMessage` expects a message key (a string) and optional `align` and `behavior`',
      );
    }
    waitingRef.current = undefined;
    // '' is no message's key (the list keys no message by it), so nothing is looked for.
    if (key === '') return false;
    const [all, keyOf, extend] = latest.current;
    // Its row in the window (-1: not there), and where it is in all the messages, looked for only
    // when it is older than the window or the window is widened to it (-1: none has it).
    const row = rowOf(key);
    let index: number | undefined;
    const indexInAll = () => (index ??= lastIndexOfKey(all, keyOf, key));
    if (row < 0 && indexInAll() < 0) return false;
    const element = scrollRef.current;
    const target = row < 0 ? undefined : virtualizer.getOffsetForIndex(row, align);
    // Older than the window, or landing within two screens of its top, where the list widens it
    // (see its frame handler): the window is widened first, to a step above the message. Widened
    // under a glide, history prepended is not anchored: the reader saw messages a thousand away,
    // then a long crawl back.
    if (extend && (!target || target[0] <= (element?.clientHeight ?? 0) * 2)) {
      waitingRef.current = [key, { align, behavior }];
      extend(indexInAll() - HISTORY_STEP);
      return true;
    }
    // Hidden (`display: none`), the browser drops scroll writes, and once shown the list went back
    // to its kept place, or its end: the jump is made then.
    if (virtualizer.direct.whileHidden.whenShown(virtualizer, flushWaiting)) {
      waitingRef.current = [key, { align, behavior }];
      return true;
    }
    if (!element || !target) return true;
    const isSmooth = isGliding(element, behavior);
    if (isSmooth) jumpNear(element, virtualizer, target[0]);
    virtualizer.scrollToIndex(row, {
      align,
      behavior: isSmooth ? 'smooth' : 'auto',
    });
    jumpRef.current = [key, scrollCommandOf(virtualizer)];
    return true;
  }

  // Messages appended in the task of a jump are not followed: the virtualizer judged the list at
  // its end from its last scroll event, before the jump's, and the append took it back there (an
  // app opening the first unread as new ones arrive). Dropped before the virtualizer's layout effect
  // carries it out (were the private field renamed, TanStack decides alone).
  useInsertionEffect(() => {
    const command = scrollCommandOf(virtualizer);
    const state = virtualizer as unknown as VirtualCorePrivate;
    if (command && command === jumpRef.current[1] && state.pendingScrollAnchor?.kind === 'follow') {
      state.pendingScrollAnchor = null;
    }
  });

  useClientLayoutEffect(() => {
    // A jump still under way goes on to its message: the virtualizer holds it by index, which
    // history prepended meanwhile (the window widening as the jump nears its top, the app's older
    // messages) moved, and it went on to another message, one further up for each widening.
    const [key, jump] = jumpRef.current;
    const command = scrollCommandOf(virtualizer);
    if (command && command === jump) {
      // Looked for in the window only: this runs after every commit while the jump travels.
      const row = rowOf(key);
      // Its message gone from the list: the jump stops where it is.
      if (row < 0) virtualizer.cancelScroll();
      else command.index = row;
    }
    // After the render that widened the window.
    flushWaiting();
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: reads everything through refs; the virtualizer is created once
  useImperativeHandle(
    listRef,
    () => ({
      scrollToMessage,
      scrollToEnd(options) {
        const { behavior = 'smooth' } = readOptions(options);
        if (!behaviors.includes(behavior)) {
          throw new ReceiptError(191004, '`scrollToEnd` expects `behavior` "auto" or "smooth"');
        }
        waitingRef.current = undefined;
        scrollListToEnd(scrollRef.current, virtualizer, behavior);
      },
    }),
    [],
  );
  return scrollToMessage;
}
