import { selectSelfReadTime } from '@readmark/core';
import { createMemoryServer, type MemoryServer } from '@readmark/memory';
import { ReceiptProvider } from '@readmark/react';
import { waitFor } from '@testing-library/dom';
import { useSyncExternalStore } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, expect, it } from 'vitest';
import { holdSelfReadTime } from '../../../packages/core/src/testing/holdSelfReadTime';
import { createCallCounter } from './callCounter';
import { createDemoDevice, type DemoDevice } from './createDemoDevice';
import { DeviceConversation } from './DeviceConversation';
import { DemoStringsProvider } from './i18n/DemoStringsContext';

/*
 * The demo's "Close chat" / "Open chat": Bob leaves a chat, Alice writes, and the chat opens again
 * at an "Unread messages" line above her first new message, in view. In a team the demo moves
 * NIM's conversation read time itself as Bob leaves (the kit keeps none for teams).
 */

// The demo's chat box (app.css): 12 new rows of 60 px overflow it, so where it opens matters.
const style = document.createElement('style');
style.textContent =
  '.demo-chat { display: flex; flex-direction: column; height: 300px; } .demo-list { flex: 1; min-height: 0; }';
document.head.append(style);

let root: Root | undefined;
const devices: DemoDevice[] = [];
afterEach(() => {
  flushSync(() => root?.unmount());
  for (const device of devices.splice(0)) device.engine.dispose();
  document.body.replaceChildren();
});

function Harness({ device, conversationId }: { device: DemoDevice; conversationId: string }) {
  const messages = useSyncExternalStore(device.messages.subscribe, () =>
    device.messages.getMessages(conversationId),
  );
  return (
    <DeviceConversation
      device={device}
      conversationId={conversationId}
      messages={messages}
      renderMessage={(message) => <div style={{ height: 60 }}>{message.text}</div>}
      recipientName="Alice"
      paneTitle="Bob"
    />
  );
}

function bobsChat(server: MemoryServer, conversationId: string) {
  const device = createDemoDevice({
    server,
    accountId: 'bob',
    deviceId: 'bob-laptop',
    counter: createCallCounter(),
    conversationIds: [conversationId],
  });
  devices.push(device);
  const container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  flushSync(() =>
    root?.render(
      <DemoStringsProvider locale="en">
        <ReceiptProvider engine={device.engine} locale="en">
          <Harness device={device} conversationId={conversationId} />
        </ReceiptProvider>
      </DemoStringsProvider>,
    ),
  );
  const button = (name: string) =>
    [...container.querySelectorAll('button')].find((each) => each.textContent === name)!;
  return { container, button };
}

async function send(server: MemoryServer, conversationId: string, texts: string[]) {
  const alice = server.login('alice');
  for (const text of texts) {
    await alice.V2NIMMessageService.sendMessage(
      alice.V2NIMMessageCreator.createTextMessage(text),
      conversationId,
    );
  }
  await server.settle();
}

/** The line is in view inside the list, in the row that shows `text`. */
async function expectLineAbove(container: HTMLElement, text: string) {
  await waitFor(() => {
    const line = container.querySelector('.readmark-unread-separator') as HTMLElement;
    expect(line.textContent).toBe('Unread messages');
    expect(line.closest('.readmark-message-row')?.textContent).toContain(text);
    const box = line.getBoundingClientRect();
    const view = container.querySelector('.readmark-message-scroller')!.getBoundingClientRect();
    expect(box.top).toBeGreaterThanOrEqual(view.top);
    expect(box.bottom).toBeLessThanOrEqual(view.bottom);
  });
}

/**
 * Bob's one-to-one chat with Alice: he sees "old 1" and "old 2" (the list marks them read, and his
 * receipt lands), closes the chat, and Alice sends "new 1" … "new 12" meanwhile.
 */
async function twelveWhileClosed() {
  window.focus();
  const server = createMemoryServer();
  const chat = bobsChat(server, 'bob|1|alice');
  const { container, button } = chat;
  await send(server, 'alice|1|bob', ['old 1', 'old 2']);
  await waitFor(() => expect(container.textContent).toContain('old 2'));
  expect(container.querySelector('.readmark-unread-separator')).toBeNull();
  const old2 = devices[0]!.messages.getMessages('bob|1|alice')[1]!;
  await waitFor(() =>
    expect(selectSelfReadTime(devices[0]!.engine.store.getState(), 'bob|1|alice')).toBe(
      old2.createTime,
    ),
  );
  button('Close chat').click();
  await waitFor(() => expect(container.textContent).toContain('Chat closed.'));
  await send(
    server,
    'alice|1|bob',
    Array.from({ length: 12 }, (_, i) => `new ${i + 1}`),
  );
  return { ...chat, server };
}

it('one-to-one: opened again, the chat starts at the line above the first message that came while it was closed', async () => {
  const { container, button } = await twelveWhileClosed();
  flushSync(() => button('Open chat').click());
  await expectLineAbove(container, 'new 1');
});

it('team: leaving the chat marks it read on NIM, so the next opening starts at what came since', async () => {
  window.focus();
  const server = createMemoryServer();
  server.createTeam({ teamId: 't1', memberIds: ['alice', 'bob'] });
  const { container, button } = bobsChat(server, 'bob|2|t1');
  await send(server, 'alice|2|t1', ['old 1', 'old 2']);
  await waitFor(() => expect(container.textContent).toContain('old 2'));
  button('Close chat').click();
  await send(
    server,
    'alice|2|t1',
    Array.from({ length: 12 }, (_, i) => `new ${i + 1}`),
  );
  flushSync(() => button('Open chat').click());
  await expectLineAbove(container, 'new 1');
});

/** True when the row that shows `text` is entirely inside the list's view. */
function isInView(container: HTMLElement, text: string): boolean {
  const row = [...container.querySelectorAll('.readmark-message-row')].find((each) =>
    each.textContent?.includes(text),
  );
  if (!row) return false;
  const box = row.getBoundingClientRect();
  const view = container.querySelector('.readmark-message-scroller')!.getBoundingClientRect();
  return box.top >= view.top && box.bottom <= view.bottom;
}

it('a burst the list followed to the end while the chat opened keeps the reader there when the read time comes late', async () => {
  const { container, button, server } = await twelveWhileClosed();
  // NIM's read time waits up to 5 s for the login sync: it comes after the burst below.
  const held = holdSelfReadTime(devices[0]!.engine.transport);
  flushSync(() => button('Open chat').click());
  await send(
    server,
    'alice|1|bob',
    Array.from({ length: 15 }, (_, i) => `burst ${i + 1}`),
  );
  // The list followed the burst to its end: the reader has seen it.
  await waitFor(() => expect(isInView(container, 'burst 15')).toBe(true));
  held.letThrough();
  await waitFor(() => expect(held.isAnswered()).toBe(true));
  for (let frame = 0; frame < 10; frame++) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  // Not pulled back up past the burst it saw to the line above "new 1".
  expect(isInView(container, 'burst 15')).toBe(true);
  expect(container.querySelector('[data-at-end]')?.getAttribute('data-at-end')).toBe('true');
  // The line is there when the reader scrolls up to it.
  container.querySelector('.readmark-message-scroller')!.scrollTop = 0;
  await expectLineAbove(container, 'new 1');
});
