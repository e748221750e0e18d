import { createReceiptEngine } from '@readmark/core';
import { MessageList } from '@readmark/react';
import { flushSync } from 'react-dom';
import { renderBenchRow } from '../BenchRow';
import { createBareVirtualList } from '../bareVirtualList';
import { createBenchTransport } from '../benchTransport';
import { frames } from '../frames';
import { MessagesInState } from '../MessagesInState';
import { type BenchMessage, makeMessages, P2P_CONVERSATION } from '../messages';
import { createFrame, mountApp, mountedIndexes } from '../mount';

const STEP_PX = 60;
const MAX_STEPS = 400;
/** Recorded when the tracked row left the DOM: it jumped out of sight. */
const LOST_ROW_PX = 9999;

/**
 * Metric 5: with the reader 3,000 px above the end of 1,000 messages, 200 older variable-height
 * messages are prepended; the row under the reader's eye (nearest the viewport's middle) must not
 * move. Then the reader scrolls up 60 px at a time over rows never measured (all estimated at 64 px):
 * after each step the tracked row must have moved exactly 60 px down on screen; any other movement
 * of 1 px or more is a visible jump.
 */
export async function prepend({
  variant,
}: {
  variant: 'kit' | 'bare';
}): Promise<{ anchorShiftPx: number; jumps: number; maxJumpPx: number; steps: number }> {
  const initial = makeMessages({ from: -1000, to: 0, kind: 'p2p' });
  const older = makeMessages({ from: -1200, to: -1000, kind: 'p2p' });
  const frame = createFrame();
  let setMessages: (messages: BenchMessage[]) => void = () => {};
  let cleanup: () => void;
  if (variant === 'kit') {
    const engine = createReceiptEngine({ transport: createBenchTransport(), accountId: 'alice' });
    const unmount = mountApp(
      frame,
      engine,
      <MessagesInState
        initial={initial}
        onSetter={(set) => {
          setMessages = (messages) => flushSync(() => set(messages));
        }}
        render={(messages) => (
          <MessageList
            conversationId={P2P_CONVERSATION}
            messages={messages}
            renderMessage={renderBenchRow}
          />
        )}
      />,
    );
    cleanup = () => {
      unmount();
      engine.dispose();
    };
  } else {
    const list = createBareVirtualList({ container: frame, messages: initial });
    setMessages = (messages) => list.setMessages(messages);
    cleanup = () => {
      list.dispose();
      frame.remove();
    };
  }
  await frames(30);
  const scroller = frame.querySelector<HTMLElement>('.readmark-message-scroller')!;
  scroller.scrollTop -= 3000;
  await frames(30);

  const viewportMiddle = () => {
    const box = scroller.getBoundingClientRect();
    return box.top + box.height / 2;
  };
  /** The row nearest the viewport's middle, by message id, and its top on screen. */
  const rowAtEye = (list: readonly BenchMessage[]) => {
    let best: { id: string; top: number; distance: number } | undefined;
    for (const index of mountedIndexes(frame)) {
      const row = frame.querySelector<HTMLElement>(`[data-index="${index}"]`)!;
      const box = row.getBoundingClientRect();
      const distance = Math.abs(box.top + box.height / 2 - viewportMiddle());
      if (!best || distance < best.distance) {
        best = { id: list[index]!.messageClientId, top: box.top, distance };
      }
    }
    return best!;
  };
  const topOf = (list: readonly BenchMessage[], id: string) => {
    const index = list.findIndex((message) => message.messageClientId === id);
    return frame.querySelector<HTMLElement>(`[data-index="${index}"]`)?.getBoundingClientRect().top;
  };

  const all = [...older, ...initial];
  const eye = rowAtEye(initial);
  setMessages(all);
  await frames(10);
  const eyeTop = topOf(all, eye.id);
  const anchorShiftPx = eyeTop === undefined ? LOST_ROW_PX : Math.abs(eyeTop - eye.top);

  let jumps = 0;
  let maxJumpPx = 0;
  let steps = 0;
  for (; steps < MAX_STEPS && scroller.scrollTop > STEP_PX; steps++) {
    const tracked = rowAtEye(all);
    scroller.scrollTop -= STEP_PX;
    // Checked on each of the next two frames: a jump corrected one frame later was still seen.
    let jump = 0;
    for (let tick = 0; tick < 2; tick++) {
      await frames(1);
      const top = topOf(all, tracked.id);
      jump = Math.max(
        jump,
        top === undefined ? LOST_ROW_PX : Math.abs(top - tracked.top - STEP_PX),
      );
    }
    if (jump >= 1) {
      jumps++;
      maxJumpPx = Math.max(maxJumpPx, jump);
    }
  }
  cleanup();
  return { anchorShiftPx, jumps, maxJumpPx, steps };
}
