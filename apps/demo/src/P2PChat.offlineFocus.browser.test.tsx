import '@readmark/react/styles.css';
import './app.css';
import { createMemoryServer } from '@readmark/memory';
import { ReceiptProvider } from '@readmark/react';
import { screen, waitFor } from '@testing-library/dom';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { afterEach, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { createCallCounter } from './callCounter';
import { createDemoDevice } from './createDemoDevice';
import { DemoStringsProvider } from './i18n/DemoStringsContext';
import { P2PChat } from './P2PChat';

/*
 * A keyboard user on Send, Recall or Retry when the device goes offline (a dropped connection, not
 * the pane's switch, which takes the focus itself): the control is disabled under the focus, and the
 * focus must not fall to <body>, from where the next Tab starts at the top of the page.
 */

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  document.body.replaceChildren();
});

/** Alice's one-to-one chat with Bob on her device, in English. */
function aliceChat() {
  const server = createMemoryServer();
  server.login('bob');
  const device = createDemoDevice({
    server,
    accountId: 'alice',
    deviceId: 'alice',
    counter: createCallCounter(),
    conversationIds: ['alice|1|bob'],
  });
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  flushSync(() =>
    root.render(
      <DemoStringsProvider locale="en">
        <ReceiptProvider engine={device.engine} locale="en">
          <P2PChat device={device} peerAccountId="bob" peerName="Bob" paneTitle="Alice" />
        </ReceiptProvider>
      </DemoStringsProvider>,
    ),
  );
  cleanups.push(() => {
    flushSync(() => root.unmount());
    device.engine.dispose();
  });
  return { server, device };
}

/** After the browser's next rendering update, when a disabled control loses the focus. */
const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));

it('Send and the burst button, disabled offline under the focus, hand it to the message box', async () => {
  const { device } = aliceChat();
  const box = screen.getByRole('textbox', { name: 'Message to Bob' });
  await userEvent.type(box, 'A draft');
  for (const name of ['Send', 'Send 20 messages']) {
    screen.getByRole('button', { name }).focus();
    await device.setOnline(false);
    await nextFrame();
    expect(document.activeElement, name).toBe(box);
    // The box says why sending stopped.
    expect(box).toHaveAccessibleDescription('Offline — messages can’t be sent');
    await device.setOnline(true);
  }
  expect(box).toHaveValue('A draft');
});

it('Send pressed from the keyboard leaves the focus in the message box, ready for the next', async () => {
  aliceChat();
  const box = screen.getByRole('textbox', { name: 'Message to Bob' });
  await userEvent.type(box, 'Hello');
  screen.getByRole('button', { name: 'Send' }).focus();
  await userEvent.keyboard('{Enter}');
  await screen.findByText('Hello');
  await nextFrame();
  expect(document.activeElement).toBe(box);
});

it('Recall and Retry, disabled offline under the focus, hand it to their bubble', async () => {
  const { server, device } = aliceChat();
  await device.messages.send({
    conversationId: 'alice|1|bob',
    text: 'Sent',
    isReceiptRequested: true,
  });
  server.injectFault({ method: 'sendMessage', code: 192005 });
  await device.messages.send({
    conversationId: 'alice|1|bob',
    text: 'Refused',
    isReceiptRequested: true,
  });
  const buttons = [
    await screen.findByRole('button', { name: 'Recall message: Sent' }),
    await screen.findByRole('button', { name: 'Retry sending: Refused' }),
  ];
  for (const button of buttons) {
    button.focus();
    await device.setOnline(false);
    await waitFor(() => expect(button).toBeDisabled());
    await nextFrame();
    expect(document.activeElement, button.textContent ?? '').toBe(button.closest('.demo-bubble'));
    // Tab goes on from the message (past the controls offline disabled), not from the page's top.
    await userEvent.tab();
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Message to Bob' }));
    await device.setOnline(true);
  }
});
