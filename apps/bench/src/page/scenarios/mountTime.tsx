import { createReceiptEngine } from '@readmark/core';
import { createBenchTransport } from '../benchTransport';
import { collectGarbage } from '../collectGarbage';
import { frames } from '../frames';
import { type BenchMessage, makeMessages, P2P_CONVERSATION } from '../messages';
import { createFrame, mountBenchList } from '../mount';

/**
 * Metric 4: the synchronous mount of MessageList (provider included) with `count` messages, from
 * `render` to the committed DOM with layout effects run, then the DOM element count once the rows
 * are measured and settled. The last messages are the same whatever `count` is.
 */
export async function mountTime({
  count,
}: {
  count: number;
}): Promise<{ mountMs: number; elements: number; mountPasses: number; repeatMountMs: number }> {
  const transport = createBenchTransport();
  const engine = createReceiptEngine({ transport, accountId: 'alice' });
  const messages = makeMessages({ from: -count, to: 0, kind: 'p2p' });
  // Warm-up: one small mount first, so the timing is a warm mount (switching conversations), not
  // the page's first run of React and the kit's code.
  const unmountWarm = mountBenchList(createFrame(), engine, {
    conversationId: P2P_CONVERSATION,
    messages: messages.slice(-50),
  });
  await frames(10);
  unmountWarm();
  const frame = createFrame();
  // A clean heap, as for metric 2: collecting the garbage of building 100,000 messages (the app's
  // data, not the list's work) must not land inside the timed mount (the page runs with --expose-gc).
  collectGarbage();
  await frames(2);
  // Counts key lookups during the mount: how many times the list walks all of its messages.
  let keyCalls = 0;
  const getMessageKey = (message: BenchMessage) => {
    keyCalls++;
    return message.messageClientId;
  };
  const start = performance.now();
  const unmount = mountBenchList(frame, engine, {
    conversationId: P2P_CONVERSATION,
    messages,
    getMessageKey,
  });
  const mountMs = performance.now() - start;
  const mountPasses = keyCalls / count;
  await frames(30);
  const elements = frame.querySelectorAll('*').length;
  unmount();
  // The same mount again, now that this size has run once (switching back to a conversation).
  const againFrame = createFrame();
  collectGarbage();
  await frames(2);
  const againStart = performance.now();
  const unmountAgain = mountBenchList(againFrame, engine, {
    conversationId: P2P_CONVERSATION,
    messages,
  });
  const repeatMountMs = performance.now() - againStart;
  await frames(2);
  unmountAgain();
  engine.dispose();
  return { mountMs, elements, mountPasses, repeatMountMs };
}
