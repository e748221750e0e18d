import '@readmark/react/styles.css';
import './app.css';
import { MessageSendingState } from '@readmark/core';
import { createMemoryServer } from '@readmark/memory';
import { ReadTick } from '@readmark/react';
import { screen } from '@testing-library/dom';
import { afterEach, describe, expect, it } from 'vitest';
import { cdp } from 'vitest/browser';
import { contrastRatio } from '../../../scripts/contrastRatio';
import { aliceDevice, renderOnAliceDevice } from './aliceDevice.testkit';
import type { DemoMessage } from './createMessageStore';
import { MessageBubble } from './MessageBubble';

/*
 * The ticks are the only sign of a message's state besides their accessible name: on the bubble they
 * sit on, each must stand out at 3:1 (WCAG 1.4.11 Non-text Contrast), in the light and dark themes.
 */

afterEach(async () => {
  await cdp().send('Emulation.setEmulatedMedia', { features: [] });
});

/** Alice's own one-to-one messages to Bob, one per tick, in her bubbles. */
async function ownBubbles() {
  let time = 1_000;
  const server = createMemoryServer({ now: () => (time += 100) });
  const { alice, engine } = aliceDevice(server);
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
  renderOnAliceDevice(
    engine,
    messages.map((message) => (
      <MessageBubble
        key={message.messageClientId}
        message={message}
        isOwn
        receipt={<ReadTick message={message} />}
      />
    )),
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
