import '@readmark/react/styles.css';
import './app.css';
import { createReceiptEngine, MessageSendingState } from '@readmark/core';
import { createMemoryServer } from '@readmark/memory';
import { createNimTransport } from '@readmark/nim';
import { ReadTick, ReceiptProvider } from '@readmark/react';
import { screen } from '@testing-library/dom';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { cdp } from 'vitest/browser';
import { contrastRatio } from '../../../scripts/contrastRatio';
import type { DemoMessage } from './createMessageStore';
import { DemoStringsProvider } from './i18n/DemoStringsContext';
import { MessageBubble } from './MessageBubble';

/*
 * The ticks are the only sign of a message's state besides their accessible name: on the bubble they
 * sit on, each must stand out at 3:1 (WCAG 1.4.11 Non-text Contrast), in the light and dark themes.
 */

let root: Root | undefined;
const disposers: (() => void)[] = [];
afterEach(async () => {
  flushSync(() => root?.unmount());
  root = undefined;
  for (const dispose of disposers.splice(0)) dispose();
  document.body.replaceChildren();
  await cdp().send('Emulation.setEmulatedMedia', { features: [] });
});

/** Alice's own one-to-one messages to Bob, one per tick, in her bubbles. */
async function ownBubbles() {
  let time = 1_000;
  const server = createMemoryServer({ now: () => (time += 100) });
  const alice = server.login('alice');
  server.login('bob');
  const engine = createReceiptEngine({
    transport: createNimTransport(alice),
    accountId: 'alice',
    flushDelayMs: 0,
  });
  disposers.push(() => engine.dispose());
  const sent = async (text: string) =>
    (
      await alice.V2NIMMessageService.sendMessage(
        alice.V2NIMMessageCreator.createTextMessage(text),
        'alice|1|bob',
      )
    ).message as DemoMessage;
  const read = await sent('read');
  await server.login('bob').V2NIMMessageService.sendP2PMessageReceipt({
    ...read,
    conversationId: 'bob|1|alice',
  } as never);
  await server.settle();
  const unread = await sent('sent');
  const unsent = { messageServerId: '', createTime: unread.createTime + 1 };
  const messages: DemoMessage[] = [
    read,
    unread,
    { ...unread, ...unsent, messageClientId: 'c1', sendingState: MessageSendingState.SENDING },
    { ...unread, ...unsent, messageClientId: 'c2', sendingState: MessageSendingState.FAILED },
  ];
  const container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  flushSync(() =>
    root?.render(
      <DemoStringsProvider locale="en">
        <ReceiptProvider engine={engine} locale="en">
          {messages.map((message) => (
            <MessageBubble
              key={message.messageClientId}
              message={message}
              isOwn
              receipt={<ReadTick message={message} />}
            />
          ))}
        </ReceiptProvider>
      </DemoStringsProvider>,
    ),
  );
  await screen.findByRole('img', { name: 'Read' });
}

describe('the ticks on an own bubble', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`stand out from it at 3:1 in the ${scheme} theme`, async () => {
      await cdp().send('Emulation.setEmulatedMedia', {
        features: [{ name: 'prefers-color-scheme', value: scheme }],
      });
      await ownBubbles();
      for (const name of ['Sending', 'Sent', 'Read', 'Failed']) {
        const tick = screen.getByRole('img', { name });
        const bubble = tick.closest('.demo-bubble')!;
        const ratio = contrastRatio(
          getComputedStyle(tick).color,
          getComputedStyle(bubble).backgroundColor,
        );
        expect(ratio, `${name} tick`).toBeGreaterThanOrEqual(3);
      }
    });
  }
});
