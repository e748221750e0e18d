import { createReceiptEngine } from '@readmark/core';
import { createBareVirtualList } from '../bareVirtualList';
import { createBenchTransport } from '../benchTransport';
import { frames, nextFrame, quantile } from '../frames';
import { makeMessages, P2P_CONVERSATION } from '../messages';
import { createFrame, mountBenchList, mountedIndexes } from '../mount';

const COUNT = 100_000;
const FRAMES = 600;
const STEP_PX = 100;

/**
 * Metric 3: 100,000 variable-height messages scrolled 100 px per frame for 600 frames, frames
 * unthrottled (the harness starts Chromium with --disable-frame-rate-limit --disable-gpu-vsync), so a
 * frame lasts as long as its work. `kit` is MessageList with ticks; `bare` the same virtualizer in
 * plain DOM. With `receiptsPerSecond`, the peer's watermark moves to the row in the middle of the
 * viewport that often during the scroll (the bare list updates its ticks in place).
 */
export async function scrollFrames({
  variant,
  receiptsPerSecond,
}: {
  variant: 'kit' | 'bare';
  receiptsPerSecond: number;
}): Promise<{ p50: number; p95: number; receipts: number }> {
  const messages = makeMessages({ from: -COUNT, to: 0, kind: 'p2p' });
  const frame = createFrame();
  let cleanup: () => void;
  let setPeerReadTime: (time: number) => void;
  if (variant === 'kit') {
    const transport = createBenchTransport();
    const engine = createReceiptEngine({ transport, accountId: 'alice' });
    const unmount = mountBenchList(frame, engine, { conversationId: P2P_CONVERSATION, messages });
    cleanup = () => {
      unmount();
      engine.dispose();
    };
    setPeerReadTime = (timestamp) =>
      transport.emit({
        type: 'p2pReceipts',
        receipts: [{ conversationId: P2P_CONVERSATION, timestamp }],
      });
  } else {
    const list = createBareVirtualList({ container: frame, messages });
    cleanup = () => {
      list.dispose();
      frame.remove();
    };
    setPeerReadTime = (time) => list.setPeerReadTime(time);
  }
  await frames(30);
  const scroller = frame.querySelector<HTMLElement>('.readmark-message-scroller')!;
  // Start 70,000 px above the end and scroll down towards it (600 frames x 100 px never reach it),
  // so receipts (which only move forward) keep turning visible ticks to "read".
  scroller.scrollTop = Math.max(0, scroller.scrollHeight - scroller.clientHeight - 70_000);
  await frames(30);

  let receipts = 0;
  let peerReadTime = 0;
  const timer =
    receiptsPerSecond > 0
      ? setInterval(() => {
          const indexes = mountedIndexes(frame).sort((a, b) => a - b);
          const middle = messages[indexes[Math.floor(indexes.length / 2)] ?? -1];
          if (!middle || middle.createTime <= peerReadTime) return;
          peerReadTime = middle.createTime;
          receipts++;
          setPeerReadTime(peerReadTime);
        }, 1000 / receiptsPerSecond)
      : undefined;
  const durations: number[] = [];
  let previous = await nextFrame();
  for (let step = 0; step < FRAMES; step++) {
    scroller.scrollTop += STEP_PX;
    const now = await nextFrame();
    durations.push(now - previous);
    previous = now;
  }
  clearInterval(timer);
  cleanup();
  return { p50: quantile(durations, 0.5), p95: quantile(durations, 0.95), receipts };
}
