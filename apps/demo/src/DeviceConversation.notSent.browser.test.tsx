import { MessageSendingState } from '@readmark/core';
import { createMemoryServer } from '@readmark/memory';
import { ReceiptProvider } from '@readmark/react';
import { waitFor } from '@testing-library/dom';
import { useSyncExternalStore } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { expect, it } from 'vitest';
import { createCallCounter } from './callCounter';
import { createDemoDevice, type DemoDevice } from './createDemoDevice';
import { DeviceConversation } from './DeviceConversation';
import { DemoStringsProvider } from './i18n/DemoStringsContext';

/*
 * The demo's "Message not sent: …" live region holds the excerpt of the newest failed send. A Retry
 * refused again (a team over 200 members refuses every flagged message) fails with the same text:
 * the region is emptied and filled again, so a screen reader hears it again.
 */
function Harness({ device }: { device: DemoDevice }) {
  const messages = useSyncExternalStore(device.messages.subscribe, () =>
    device.messages.getMessages('alice|2|t1'),
  );
  return (
    <DeviceConversation
      device={device}
      conversationId="alice|2|t1"
      messages={messages}
      renderMessage={(message) => <div style={{ height: 30 }}>{message.text}</div>}
      recipientName="Team"
      paneTitle="Alice"
      hasReceiptOption
    />
  );
}
it('a retry refused again is announced again', async () => {
  const server = createMemoryServer();
  const memberIds = ['alice', ...Array.from({ length: 200 }, (_, i) => `m${i}`)];
  server.createTeam({ teamId: 't1', memberIds });
  const device = createDemoDevice({
    server,
    accountId: 'alice',
    deviceId: 'alice-laptop',
    counter: createCallCounter(),
    conversationIds: ['alice|2|t1'],
  });

  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  flushSync(() =>
    root.render(
      <DemoStringsProvider locale="en">
        <ReceiptProvider engine={device.engine} locale="en">
          <Harness device={device} />
        </ReceiptProvider>
      </DemoStringsProvider>,
    ),
  );
  const failedCopies = () =>
    device.messages
      .getMessages('alice|2|t1')
      .filter((message) => message.sendingState === MessageSendingState.FAILED);
  await device.messages.send({
    conversationId: 'alice|2|t1',
    text: 'ok',
    isReceiptRequested: true,
  });
  await waitFor(() => expect(failedCopies()).toHaveLength(1));
  const status = container.querySelector('[role="status"]')!;
  await waitFor(() => expect(status.textContent).toMatch(/^Message not sent: ok/));
  const first = failedCopies()[0]!;

  // Every change of the region's text, from here on.
  const said: string[] = [];
  const observer = new MutationObserver(() => said.push(status.textContent ?? ''));
  observer.observe(status, { childList: true, subtree: true, characterData: true });
  await device.messages.retry(first);
  await waitFor(() => {
    expect(failedCopies()).toHaveLength(1);
    expect(failedCopies()[0]!.messageClientId).not.toBe(first.messageClientId);
  });
  await new Promise((resolve) => setTimeout(resolve, 500));
  observer.disconnect();
  // The premise: the retry's copy failed too, with the same text.
  expect(failedCopies()[0]!.text).toBe('ok');
  // A live region announces changes only: the refusal of the retry empties it, then says it again.
  expect(said[0]).toBe('');
  expect(said.at(-1)).toMatch(/^Message not sent: ok/);
  flushSync(() => root.unmount());
  device.engine.dispose();
});
