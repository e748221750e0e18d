import {
  isReceiptMessage,
  type MessageStatus,
  messageConversationId,
  type ReceiptMessage,
  type ReceiptMode,
  type ReceiptState,
  receiptModeOf,
  selectIsTeamUnavailable,
  selectMessageStatus,
  selectPeerReadTimeLoad,
  selectReceiptMode,
  selectTeamCountLoad,
  selectTeamReceipt,
  type TeamCountLoadStatus,
} from '@readmark/core';
import { useCallback, useEffect, useRef } from 'react';
import { useReadableMessage } from './useReadableMessage';
import { useProvidedEngine } from './useReceiptEngine';
import { shallowEqual, useStoreSelector } from './useStoreSelector';

/** What {@link useMessageReceipt} returns: everything a tick or a badge shows for one message. */
export interface MessageReceipt {
  /** True when I sent the message. */
  isOwn: boolean;
  /** 'p2p' ticks, 'team' counts, or 'none' (incoming, unflagged, super team, notification...). */
  mode: ReceiptMode;
  /** Set for own messages that show something. */
  status?: MessageStatus;
  /** Team members who have read it, once known. */
  readCount?: number;
  /** Team members who have not read it, once known. */
  unreadCount?: number;
  /**
   * True while what `status` says is not known yet: for an own sent one-to-one message until the
   * peer's read time has come (a fresh page or device asks for it; a "sent" shown meanwhile would
   * turn into "read" moments later), for an own sent flagged team message until its counts have come
   * (`readCount` and `unreadCount` are undefined until then). `status` is then `'sent'`: show a
   * neutral state, as `ReadTick` and `UnreadBadge` do. False once known, and when asking failed
   * (one-to-one: at all, e.g. offline or 190002, asked again after a reconnect; team: for good, a
   * passing failure being retried meanwhile), when `'sent'` is what is known. Also false for a
   * one-to-one message this hook showed while it was sending (the chat's first send, whose read
   * time is asked as its tick mounts and comes just after the send succeeds): the peer cannot have
   * read it before it was sent, so `'sent'` is known, and it still turns `'read'` once they read it.
   */
  isLoading: boolean;
  /** True when the team cannot do receipts (e.g. over 200 members, receipts disabled). */
  isUnavailable: boolean;
}

/** Builds the receipt view of one message from the store. Never throws on bad data. */
export function selectMessageReceipt(state: ReceiptState, message: unknown): MessageReceipt {
  const mode = selectReceiptMode(state, message);
  // A mode means an own message (receiptModeOf); only 'none' needs the message looked at again.
  const isOwn =
    mode !== 'none' || (isReceiptMessage(message) && message.senderId === state.accountId);
  if (mode === 'none') return { isOwn, mode, isLoading: false, isUnavailable: false };
  const status = selectMessageStatus(state, message);
  if (mode === 'p2p') {
    const isLoading = isPeerReadTimeLoading(state, message as ReceiptMessage, status);
    return { isOwn, mode, status, isLoading, isUnavailable: false };
  }
  const isUnavailable = selectIsTeamUnavailable(state, message);
  const receipt = isUnavailable ? undefined : selectTeamReceipt(state, message);
  // The load status matters only while no counts are known: looked up then only (its key is built
  // and hashed; every mounted badge and tick ran this at each store update, known counts or not).
  const isLoading =
    !isUnavailable &&
    !receipt &&
    (status === 'sent' || status === 'read') &&
    !isSettled(selectTeamCountLoad(state, message));
  return {
    isOwn,
    mode,
    status,
    readCount: receipt?.readCount,
    unreadCount: receipt?.unreadCount,
    isLoading,
    isUnavailable,
  };
}

/** True when a count load has ended, counts or not. */
const isSettled = (load: TeamCountLoadStatus | undefined) => load === 'loaded' || load === 'failed';

/**
 * True while an own sent one-to-one message waits for the peer's read time, which says whether it
 * was read (see {@link MessageReceipt.isLoading}).
 */
export function isPeerReadTimeLoading(
  state: ReceiptState,
  message: ReceiptMessage,
  status: MessageStatus | undefined,
): boolean {
  return (
    status === 'sent' &&
    !selectPeerReadTimeLoad(state, messageConversationId(state.accountId, message))
  );
}

/**
 * One message's receipt state for a tick or a badge. Re-renders only when this message's view
 * changes, so a receipt re-renders only the rows it touches. For my flagged team messages it asks
 * the engine to load counts while mounted (lazily, batched).
 */
export function useMessageReceipt(message: ReceiptMessage): MessageReceipt {
  return useReceiptView(message, { select: selectMessageReceipt, caller: 'useMessageReceipt' });
}

const showsAnyMode = (mode: ReceiptMode) => mode !== 'none';

/** For {@link useReceiptView}'s `shows`: own flagged team messages only (badges, `ReadBy`); other rows subscribe to nothing. */
export const showsTeam = (mode: ReceiptMode) => mode === 'team';

/**
 * The subscription behind {@link useMessageReceipt}, for a narrower view: a component re-renders only
 * when what `select` returns changes (by shallow equality). While mounted it loads what the view
 * needs: the P2P conversation's watermarks, or the counts of my sent flagged team message.
 *
 * Messages whose mode (which depends on the message alone, `receiptModeOf`) the component does not
 * show get no store subscription and load nothing: in a chat, half the rows are incoming and show
 * no tick, and only team rows show a badge.
 */
export function useReceiptView<
  TView extends { mode: ReceiptMode; status?: MessageStatus; isLoading?: boolean },
>(
  message: ReceiptMessage,
  {
    select,
    shows = showsAnyMode,
    caller,
  }: {
    select: (state: ReceiptState, message: unknown) => TView;
    shows?: (mode: ReceiptMode) => boolean;
    /** The hook or component the app used, named by the error outside a provider. */
    caller: string;
  },
): TView {
  const engine = useProvidedEngine(caller);
  // An unreadable or malformed message shows nothing (undefined: mode 'none').
  const [readable, messageRef] = useReadableMessage(message);
  // The send of a message shown sending ends before the peer's read time, asked as it mounted, can
  // come: waiting for it took the tick from the clock to an empty box and then the check. The flag
  // is part of the selector, so the read time's arrival then renders nothing.
  const sentHere = useRef<string | undefined>(undefined);
  const isSentHere = readable !== undefined && sentHere.current === readable.messageClientId;
  const selector = useCallback(
    (state: ReceiptState) => {
      const view = select(state, readable);
      return isSentHere && view.isLoading ? { ...view, isLoading: false } : view;
    },
    [select, readable, isSentHere],
  );
  const isShown = shows(receiptModeOf(engine.accountId, readable));
  const view = useStoreSelector(engine.store, selector, shallowEqual, isShown);

  // Shown only when `receiptModeOf` found a well-formed message: any mode but 'none' means
  // `readable` is one, with a conversation id and a client id.
  const isValid = readable !== undefined;
  const conversationId = isValid ? messageConversationId(engine.accountId, readable) : '';
  const clientId = isValid ? readable.messageClientId : '';
  const isSent = view.status === 'sent' || view.status === 'read';
  const mode = isShown ? view.mode : 'none';
  // Written while rendering, as the readable copy's ref is: a render React discards still showed the
  // app's message sending, and the peer cannot have read it before it was sent, so what it then
  // shows is still true. State set while rendering instead renders the tick twice for its send,
  // which the exact render counts of a send refuse (MessageList.actionRenders). Team views keep
  // waiting: the badge says its counts load.
  if (mode === 'p2p' && view.status === 'sending') sentHere.current = clientId;

  // biome-ignore lint/correctness/useExhaustiveDependencies: another message (its client id) is watched anew, read through messageRef
  useEffect(() => {
    if (mode === 'p2p') {
      void engine.loadConversation(conversationId);
      return;
    }
    if (mode !== 'team' || !isSent) return;
    return engine.watchTeamCounts(messageRef.current!);
  }, [engine, mode, isSent, conversationId, clientId]);

  return view;
}
