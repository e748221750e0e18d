import { MessageSendingState } from '@readmark/core';
import { createMemoryServer, type MemoryServer } from '@readmark/memory';
import { ReceiptProvider } from '@readmark/react';
import { waitFor } from '@testing-library/dom';
import { useSyncExternalStore } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, expect, it } from 'vitest';
import { createCallCounter } from './callCounter';
import { createDemoDevice, type DemoDevice } from './createDemoDevice';
import { DeviceConversation } from './DeviceConversation';
import { DemoStringsProvider } from './i18n/DemoStringsContext';
import type { DemoLocale } from './i18n/demoStrings';

/*
 * The demo's polite "not sent" live region, as a screen reader hears it: every change of its text
 * to something non-empty is one announcement.
 */

const TEAM = 'alice|2|t1';
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
  document.body.replaceChildren();
});

function Harness({ device }: { device: DemoDevice }) {
  const messages = useSyncExternalStore(device.messages.subscribe, () =>
    device.messages.getMessages(TEAM),
  );
  return (
    <DeviceConversation
      device={device}
      conversationId={TEAM}
      messages={messages}
      renderMessage={(message) => <div style={{ height: 30 }}>{message.text}</div>}
      recipientName="Team"
      paneTitle="Alice"
      hasReceiptOption
    />
  );
}

/** Alice's device in team t1 of `memberCount` members, its conversation rendered in English. */
function aliceInTeam(server: MemoryServer, memberCount: number) {
  const memberIds = ['alice', ...Array.from({ length: memberCount - 1 }, (_, i) => `m${i}`)];
  server.createTeam({ teamId: 't1', memberIds });
  const device = createDemoDevice({
    server,
    accountId: 'alice',
    deviceId: 'alice-laptop',
    counter: createCallCounter(),
    conversationIds: [TEAM],
  });
  const container = document.createElement('div');
  document.body.append(container);
  const root: Root = createRoot(container);
  const render = (locale: DemoLocale) =>
    flushSync(() =>
      root.render(
        <DemoStringsProvider locale={locale}>
          <ReceiptProvider engine={device.engine} locale={locale}>
            <Harness device={device} />
          </ReceiptProvider>
        </DemoStringsProvider>,
      ),
    );
  render('en');
  cleanups.push(() => {
    flushSync(() => root.unmount());
    device.engine.dispose();
  });
  const status = container.querySelector('[role="status"]')!;
  // What the region says from here on: each change of its text to something non-empty.
  const said: string[] = [];
  const observer = new MutationObserver(() => {
    const text = status.textContent ?? '';
    if (text && text !== said.at(-1)) said.push(text);
    if (!text) said.push('');
  });
  observer.observe(status, { childList: true, subtree: true, characterData: true });
  cleanups.push(() => observer.disconnect());
  const send = (text: string) =>
    device.messages.send({ conversationId: TEAM, text, isReceiptRequested: true });
  const failedCopies = () =>
    device.messages
      .getMessages(TEAM)
      .filter((message) => message.sendingState === MessageSendingState.FAILED);
  const announcements = () => said.filter(Boolean);
  return { device, status, render, send, failedCopies, said, announcements };
}

it('a burst of 20 sends failing one by one is said once, with its count', async () => {
  // Every send fails, each after its own delay of up to 1.5 s: 20 failures spread out, as when a
  // flaky connection gives up on a burst.
  const server = createMemoryServer({
    faults: { failureRate: 1, methods: ['sendMessage'], latencyMs: [0, 1_500], seed: 3 },
  });
  const alice = aliceInTeam(server, 3);
  await Promise.all(Array.from({ length: 20 }, (_, i) => alice.send(`Burst #${i + 1}`)));
  expect(alice.failedCopies()).toHaveLength(20);
  await waitFor(() => expect(alice.announcements()).toHaveLength(1));
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  expect(alice.announcements()).toEqual([
    '20 messages not sent. Use Retry on each message to send it again.',
  ]);
});

it('a retry refused again is announced again', async () => {
  // A team over 200 members refuses every flagged message: the retry fails with the same text.
  const alice = aliceInTeam(createMemoryServer(), 201);
  await alice.send('ok');
  await waitFor(() => expect(alice.status.textContent).toMatch(/^Message not sent: ok/));
  const first = alice.failedCopies()[0]!;
  alice.said.length = 0;

  await alice.device.messages.retry(first);
  expect(alice.failedCopies()).toHaveLength(1);
  expect(alice.failedCopies()[0]!.messageClientId).not.toBe(first.messageClientId);
  expect(alice.failedCopies()[0]!.text).toBe('ok');
  // A live region announces changes only: the refusal of the retry empties it, then says it again.
  await waitFor(() => expect(alice.said.at(-1)).toMatch(/^Message not sent: ok/));
  expect(alice.said[0]).toBe('');
});

it('a language switch says no old failure again, and the next one in the new language', async () => {
  const alice = aliceInTeam(createMemoryServer(), 201);
  await alice.send('ok');
  await waitFor(() => expect(alice.announcements()).toEqual([expect.stringMatching(/^Message/)]));

  alice.render('zh-CN');
  alice.render('en');
  alice.render('zh-CN');
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  expect(alice.announcements()).toHaveLength(1);
  expect(alice.status.textContent).toBe('');

  await alice.send('第二条');
  await waitFor(() => expect(alice.announcements()).toHaveLength(2));
  expect(alice.announcements()[1]).toBe('消息未发送：第二条。可点击该消息上的“重试”再次发送。');
});
