import {
  type Clock,
  createTimerSet,
  isReceiptMessage,
  type ReceiptMessage,
  selectIsSendingReceipts,
  systemClock,
  type TimerSet,
} from '@readmark/core';
import type { Virtualizer } from '@tanstack/react-virtual';
import { type RefObject, useCallback, useEffect, useRef } from 'react';
import { useClientLayoutEffect } from '../hooks/useClientLayoutEffect';
import { useProvidedEngine } from '../hooks/useReceiptEngine';
import { listenAll } from './listenAll';
import { type Box, isMostlyVisible } from './visibleMessages';

/**
 * Marks incoming messages read from what is really on screen: a row counts once at least half of it
 * has been inside the list's viewport, and inside the window, for `dwellMs` while the page is visible
 * and focused. One geometry pass over the rendered rows that could still be marked per check (no
 * observer per row). Returns `check`, which runs at once: the caller runs it from its one per-frame
 * handler (scrolls, resizes and renders). The hook itself re-checks on visibility and focus changes,
 * when the page scrolls or the window resizes (once per frame), when receipts are switched back on
 * and when a dwell ends. Each message is passed to `engine.markRead` at most once per conversation
 * while receipts go out for it.
 *
 * While receipts are switched off (everywhere or for this conversation) nothing dwells and nothing is
 * remembered as marked, and when they are switched back on every message is offered again: the engine
 * drops what it is given while off (and what still waited when they went off), and it ignores what it
 * already sent. Time comes from `clock` (DESIGN: injected time), so tests drive the dwell.
 */
export function useVisibleReadMarking<TMessage extends ReceiptMessage>(options: {
  scrollRef: RefObject<HTMLElement | null>;
  virtualizer: Virtualizer<HTMLElement, HTMLElement>;
  messages: readonly TMessage[];
  getMessageKey: (message: TMessage) => string;
  conversationId: string;
  isEnabled: boolean;
  dwellMs: number;
  /** Time and timers for the dwell. Default: the engine's clock. */
  clock?: Clock;
}): () => void {
  const { scrollRef, virtualizer, conversationId, clock } = options;
  const engine = useProvidedEngine('<MessageList>');
  // A malformed clock prop must not break marking read: fall back to the engine's, then the platform's.
  const validClock = isClock(clock) ? clock : isClock(engine.clock) ? engine.clock : systemClock;
  // What `check` reads as of the last commit (it stays stable across renders).
  const params = { ...options, clock: validClock };
  const latest = useRef(params);
  useClientLayoutEffect(() => {
    latest.current = params;
  });
  const markedKeysRef = useRef(new Set<string>());
  /** When each qualifying, not yet marked row started being visible. */
  const visibleSinceRef = useRef(new Map<string, number>());
  /** The pending end-of-dwell timer, the clock that set it and when it fires. */
  const timerRef = useRef<DwellTimer | undefined>(undefined);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new conversation starts with nothing marked
  useEffect(() => {
    markedKeysRef.current = new Set();
    visibleSinceRef.current = new Map();
  }, [conversationId]);

  // `dueAt`: the dwell end a timer fired for (anything else, an event, is ignored): a clock that
  // calls back before its `now` reaches it (at once, inside `setTimeout`) says the dwell is over.
  const check = useCallback(
    (dueAt?: unknown) => {
      const element = scrollRef.current;
      const current = latest.current;
      const wasVisibleSince = visibleSinceRef.current;
      // Only rows still visible carry their start over: one that left the viewport before its dwell
      // ended starts over next time.
      const visibleSince = new Map<string, number>();
      const doc = element?.ownerDocument;
      // When nothing counts, no row is measured, so below every dwell stops and the timer goes.
      const isCounting =
        current.isEnabled &&
        // A disposed engine (nobody logged in yet, or no longer) drops what it is given: marked
        // now, a message would never be offered to the account's engine once logged in.
        !engine.isDisposed &&
        // Receipts off: the engine would drop what it is given, so nothing dwells or counts as marked.
        selectIsSendingReceipts(engine.store.getState(), current.conversationId) &&
        // Dwell counts only while the user can see the page.
        doc?.visibilityState === 'visible' &&
        doc.hasFocus();

      const now = Math.max(
        current.clock.now(),
        typeof dueAt === 'number' ? dueAt : Number.NEGATIVE_INFINITY,
      );
      const toMark: ReceiptMessage[] = [];
      let nextDueIn = Number.POSITIVE_INFINITY;
      let viewport: ReturnType<typeof visibleViewport> | undefined;
      for (const item of isCounting ? virtualizer.getVirtualItems() : []) {
        const message = current.messages[item.index];
        // markRead rejects malformed messages (a missing one too); a bad row must not stop the good
        // ones being marked.
        if (!isReceiptMessage(message) || message.isSelf === true) continue;
        if (message.conversationId !== current.conversationId) continue;
        const key = current.getMessageKey(message);
        if (markedKeysRef.current.has(key)) continue;
        // Only rows that could still be marked are measured: my own messages, other conversations'
        // and already marked ones need no geometry (half the rows of a typical chat). Real boxes:
        // exact even before the virtualizer has re-measured a row.
        const row = virtualizer.elementsCache.get(item.key);
        if (!element || !row?.isConnected) continue;
        // The viewport is read once, and only when a row needs it (no layout otherwise).
        viewport ??= visibleViewport(element);
        if (!isMostlyVisible(row.getBoundingClientRect(), viewport, viewport.listHeight)) continue;
        const since = wasVisibleSince.get(key) ?? now;
        const dueIn = since + current.dwellMs - now;
        if (dueIn > 0) {
          visibleSince.set(key, since);
          nextDueIn = Math.min(nextDueIn, dueIn);
          continue;
        }
        markedKeysRef.current.add(key);
        toMark.push(message);
      }
      visibleSinceRef.current = visibleSince;
      scheduleDwellEnd(timerRef, current.clock, now, nextDueIn, check);
      if (toMark.length > 0) engine.markRead(toMark);
    },
    [engine, virtualizer, scrollRef],
  );

  useEffect(() => {
    const doc = scrollRef.current?.ownerDocument;
    const win = doc?.defaultView;
    // The page scrolled or the window resized: the list may have come into view (or left it). At
    // most one check per frame; the list's own scrolls are checked by the list's frame handler.
    let frame = 0;
    const onViewportChange = () => {
      if (frame === 0 && win) {
        frame = win.requestAnimationFrame(() => {
          frame = 0;
          check();
        });
      }
    };
    const stopListening = listenAll([
      [doc, 'visibilitychange', check],
      [win, 'focus', check],
      [win, 'blur', check],
      [win, 'scroll', onViewportChange, { passive: true }],
      [win, 'resize', onViewportChange],
    ]);
    return () => {
      cancelTimer(timerRef);
      if (frame !== 0) win?.cancelAnimationFrame(frame);
      stopListening();
    };
  }, [check, scrollRef]);

  // Receipts switched back on: offer every visible message again (see the TSDoc above).
  useEffect(() => {
    let wasSending = selectIsSendingReceipts(engine.store.getState(), conversationId);
    return engine.store.subscribe((state) => {
      const isSending = selectIsSendingReceipts(state, conversationId);
      if (isSending && !wasSending) {
        markedKeysRef.current = new Set();
        visibleSinceRef.current.clear();
        check();
      }
      wasSending = isSending;
    });
  }, [engine, conversationId, check]);

  return check;
}

/**
 * The part of the list's scroll area the reader can see: inside its padding box and inside the
 * window. A list below the fold of a long page (stacked panes on a phone) shows nothing yet.
 */
function visibleViewport(element: HTMLElement): Box & { listHeight: number } {
  const box = element.getBoundingClientRect();
  const win = element.ownerDocument.defaultView;
  const top = box.top + element.clientTop;
  const isBesideWindow = win !== null && (box.right <= 0 || box.left >= win.innerWidth);
  const windowHeight = win?.innerHeight ?? Number.POSITIVE_INFINITY;
  const visibleTop = Math.max(top, 0);
  const visibleBottom = Math.min(top + element.clientHeight, windowHeight);
  return {
    top: visibleTop,
    height: isBesideWindow ? 0 : Math.max(0, visibleBottom - visibleTop),
    // The whole list's, in and out of the window: what a row taller than the list is measured by.
    listHeight: element.clientHeight,
  };
}

function isClock(value: unknown): value is Clock {
  if (typeof value !== 'object' || value === null) return false;
  const clock = value as Record<string, unknown>;
  return (
    typeof clock.now === 'function' &&
    typeof clock.setTimeout === 'function' &&
    typeof clock.clearTimeout === 'function'
  );
}

interface DwellTimer {
  clock: Clock;
  /** The timer's own set over `clock`, set again for each dwell end, not per check. */
  timers: TimerSet;
  handle: unknown;
  dueAt: number;
}

/**
 * Keeps one timer for the earliest dwell end. A pending timer that fires no later than needed is
 * kept (an early check just schedules the next one), so a check per scroll frame does not clear and
 * set a timer each time. Set through the engine's timer set, whose timers never call back inside
 * the clock's `setTimeout` (a clock that fires at once is answered in a microtask): checked at once,
 * the check set the next timer inside this one, without end (a stack overflow).
 */
function scheduleDwellEnd(
  timerRef: { current: DwellTimer | undefined },
  clock: Clock,
  now: number,
  dueIn: number,
  onDue: (dueAt: number) => void,
): void {
  if (!Number.isFinite(dueIn)) {
    cancelTimer(timerRef);
    return;
  }
  const pending = timerRef.current;
  if (pending && pending.clock === clock && pending.dueAt <= now + dueIn) return;
  cancelTimer(timerRef);
  const dueAt = now + dueIn;
  const timers = createTimerSet(clock);
  const handle = timers.set(() => {
    timerRef.current = undefined;
    onDue(dueAt);
  }, dueIn);
  timerRef.current = { clock, timers, handle, dueAt };
}

function cancelTimer(timerRef: { current: DwellTimer | undefined }): void {
  const timer = timerRef.current;
  timerRef.current = undefined;
  timer?.timers.clear(timer.handle);
}
