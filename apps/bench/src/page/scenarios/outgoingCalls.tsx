import { createReceiptEngine } from '@readmark/core';
import { createMemoryServer } from '@readmark/memory';
import { createNimTransport } from '@readmark/nim';
import { MessageList } from '@readmark/react';
import { BaselineList } from '../BaselineList';
import { renderBenchRow } from '../BenchRow';
import { countingTransport, type SentCall } from '../countingTransport';
import { frames } from '../frames';
import { history } from '../history';
import { MessagesInState } from '../MessagesInState';
import type { BenchMessage } from '../messages';
import { createFrame, mountApp } from '../mount';

const N = 1000;
const FLUSH_DELAY_MS = 300;
const STEP_PX = 150;
const STEP_MS = 16;
/** More than the 1,010 messages a conversation ends with. */
const HISTORY_LIMIT = 5000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Scrolls `scroller` to the top in steps of STEP_PX every STEP_MS, then back down if asked. */
async function scriptedScroll(scroller: HTMLElement, { isRoundTrip }: { isRoundTrip: boolean }) {
  while (scroller.scrollTop > 0) {
    scroller.scrollTop -= STEP_PX;
    await sleep(STEP_MS);
  }
  if (!isRoundTrip) return;
  while (scroller.scrollTop + scroller.clientHeight < scroller.scrollHeight - 1) {
    scroller.scrollTop += STEP_PX;
    await sleep(STEP_MS);
  }
}

/** Groups calls into flush windows: calls less than half a window apart belong to the same one. */
function windowsOf(sent: SentCall[]): number {
  let windows = 0;
  let last = Number.NEGATIVE_INFINITY;
  for (const call of sent) {
    if (call.at - last > FLUSH_DELAY_MS / 2) windows++;
    last = call.at;
  }
  return windows;
}

/**
 * Metric 6 on the real stack. Team: Bob opens a team conversation of 1,000 flagged messages from
 * Alice and a script scrolls from the newest to the oldest; the kit batches receipts per flush
 * window (300 ms) in calls of at most 50. P2P: Bob scrolls 1,000 of Alice's messages up and back
 * down, then 10 new messages arrive; only receipts that move his watermark may be sent. The
 * baseline sends one receipt per message row as it mounts, like kits without an outbox.
 * `readDwellMs` is 0 so the scripted fling marks every row it passes.
 */
export async function outgoingCalls({ variant }: { variant: 'kit' | 'baseline' }): Promise<{
  teamCalls: number;
  teamMarked: number;
  teamWindows: number;
  teamBound: number;
  p2pCalls: number;
  p2pNonAdvancing: number;
}> {
  let time = 1_000_000;
  const server = createMemoryServer({ now: () => (time += 10) });
  const members = Array.from({ length: 8 }, (_, index) => `u${index}`);
  server.createTeam({ teamId: 't1', memberIds: ['alice', 'bob', ...members] });
  const alice = server.login('alice');
  const bob = server.login('bob');
  for (let index = 0; index < N; index++) {
    await alice.V2NIMMessageService.sendMessage(
      alice.V2NIMMessageCreator.createTextMessage(`team #${index} ${'word '.repeat(index % 9)}`),
      'alice|2|t1',
      { messageConfig: { readReceiptEnabled: true } },
    );
    await alice.V2NIMMessageService.sendMessage(
      alice.V2NIMMessageCreator.createTextMessage(`p2p #${index} ${'word '.repeat(index % 7)}`),
      'alice|1|bob',
    );
  }
  await server.settle();
  const { transport, sent } = countingTransport(createNimTransport(bob));

  const run = async (
    conversationId: string,
    isRoundTrip: boolean,
    onMounted?: (set: (m: BenchMessage[]) => void) => Promise<void>,
  ) => {
    const messages = await history(bob, conversationId, HISTORY_LIMIT);
    const engine = createReceiptEngine({
      transport,
      accountId: 'bob',
      flushDelayMs: FLUSH_DELAY_MS,
    });
    const naiveSent = new Set<string>();
    const naiveMark = (message: BenchMessage) => {
      if (message.senderId === 'bob' || naiveSent.has(message.messageClientId)) return;
      naiveSent.add(message.messageClientId);
      const sent =
        message.conversationType === 2
          ? transport.sendTeamMessageReceipts([message])
          : transport.sendP2PMessageReceipt(message);
      void sent.catch(() => {});
    };
    let setMessages: (m: BenchMessage[]) => void = () => {};
    const frame = createFrame();
    const unmount = mountApp(
      frame,
      engine,
      // The messages live in state so new ones can arrive.
      <MessagesInState
        initial={messages}
        onSetter={(set) => {
          setMessages = set;
        }}
        render={(list) =>
          variant === 'kit' ? (
            <MessageList
              conversationId={conversationId}
              messages={list}
              renderMessage={renderBenchRow}
              readDwellMs={0}
            />
          ) : (
            <BaselineList messages={list} onRowMount={naiveMark} />
          )
        }
      />,
    );
    await frames(10);
    const scroller = frame.querySelector<HTMLElement>('.readmark-message-scroller')!;
    await scriptedScroll(scroller, { isRoundTrip });
    await onMounted?.((next) => setMessages(next));
    await sleep(FLUSH_DELAY_MS * 2);
    await server.settle();
    unmount();
    engine.dispose();
  };

  // --- team ---
  await run('bob|2|t1', false);
  const teamSent = sent.filter((call) => call.method === 'sendTeamMessageReceipts');
  const teamMarked = new Set(
    teamSent.flatMap((call) => call.messages.map((m) => m.messageClientId)),
  ).size;
  const teamWindows = windowsOf(teamSent);
  const teamCalls = teamSent.length;
  sent.length = 0;

  // --- P2P ---
  await run('bob|1|alice', true, async (setMessages) => {
    // New messages arrive while Bob is at the end: each one read moves the watermark.
    for (let index = 0; index < 10; index++) {
      await alice.V2NIMMessageService.sendMessage(
        alice.V2NIMMessageCreator.createTextMessage(`new #${index}`),
        'alice|1|bob',
      );
      await server.settle();
      setMessages(await history(bob, 'bob|1|alice', HISTORY_LIMIT));
      await sleep(100);
    }
  });
  const p2pSent = sent.filter((call) => call.method === 'sendP2PMessageReceipt');
  let watermark = 0;
  let p2pNonAdvancing = 0;
  for (const call of p2pSent) {
    const createTime = call.messages[0]!.createTime;
    if (createTime <= watermark) p2pNonAdvancing++;
    watermark = Math.max(watermark, createTime);
  }
  return {
    teamCalls,
    teamMarked,
    teamWindows,
    teamBound: Math.ceil(teamMarked / 50) + teamWindows,
    p2pCalls: p2pSent.length,
    p2pNonAdvancing,
  };
}
