import { createReceiptEngine, type ReceiptLastMessage } from '@readmark/core';
import { createNimTransport } from '@readmark/nim';
import { act, cleanup, render, screen } from '@testing-library/react';
import { Profiler } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { createSubscriberCounter } from '../../../core/src/testing/leakCounters';
import {
  countCalls,
  lastMessageOf,
  receiptWorldPerTest,
  type WorldDevice,
} from '../../../core/src/testing/receiptWorld';
import type { ReceiptLocale } from '../i18n/ReceiptStrings';
import { ReceiptProvider } from '../ReceiptProvider';
import { ConversationReadTick } from './ConversationReadTick';
import type { RenderTickIcon } from './StatusTick';

const world = receiptWorldPerTest();
afterEach(cleanup);

let rowRenders = 0;

/** One conversation-list row, as an app renders it from `conversation.lastMessage`. */
function renderRow(
  device: WorldDevice,
  lastMessage: ReceiptLastMessage | undefined,
  locale: ReceiptLocale = 'en',
  renderIcon?: RenderTickIcon,
) {
  rowRenders = 0;
  const row = (message: ReceiptLastMessage | undefined) => (
    <ReceiptProvider engine={device.engine} locale={locale}>
      <Profiler id="row" onRender={() => rowRenders++}>
        <ConversationReadTick lastMessage={message} renderIcon={renderIcon} />
      </Profiler>
    </ReceiptProvider>
  );
  const view = render(row(lastMessage));
  return {
    ...view,
    show: (message: ReceiptLastMessage | undefined) => view.rerender(row(message)),
  };
}

/** A sends B m1 at 100 and m2 at 200, delivered and unread. */
const aliceAndBob = () => world.aliceSendsBobTwo();

const bobReads = async (bob: WorldDevice, message: Parameters<typeof world.copyOf>[1]) => {
  await act(async () => {
    await bob.client.V2NIMMessageService.sendP2PMessageReceipt(world.copyOf(bob, message) as never);
    await world.settle();
  });
};

describe('ConversationReadTick (SPEC U7, scenario 35)', () => {
  it('35: turns from "Sent" to "Read" when the peer reads the last message, re-rendering once', async () => {
    const { alice, bob, m2 } = await aliceAndBob();
    renderRow(alice, await lastMessageOf(alice, 'A|1|B'));
    await act(() => world.settle());
    const tick = screen.getByRole('img', { name: 'Sent' });
    expect(tick.getAttribute('data-status')).toBe('sent');
    const before = rowRenders;

    await bobReads(bob, m2);
    expect(screen.getByRole('img', { name: 'Read' }).getAttribute('data-status')).toBe('read');
    expect(rowRenders - before).toBe(1);
  });

  it('35: seeds the receipt time on mount, so a reloaded page shows a receipt given before it', async () => {
    const { alice, bob, m2 } = await aliceAndBob();
    await bobReads(bob, m2);
    // A page reload: a new engine on the same SDK instance, whose receipt event is long gone.
    const { transport, calls } = countCalls(createNimTransport(alice.client));
    const engine = createReceiptEngine({ transport, accountId: 'A' });
    const reloaded = { ...alice, engine };
    try {
      renderRow(reloaded, await lastMessageOf(alice, 'A|1|B'));
      expect(screen.getByRole('img', { name: 'Sent' })).toBeTruthy();
      await act(() => world.settle());
      expect(screen.getByRole('img', { name: 'Read' })).toBeTruthy();
      expect(calls.getP2PMessageReceipt).toEqual([['A|1|B']]);
    } finally {
      cleanup();
      engine.dispose();
    }
  });

  it('35: a revoked last message hides the indicator', async () => {
    const { alice, bob, m2 } = await aliceAndBob();
    await bobReads(bob, m2);
    const row = renderRow(alice, await lastMessageOf(alice, 'A|1|B'));
    await act(() => world.settle());
    expect(screen.getByRole('img', { name: 'Read' })).toBeTruthy();

    await alice.client.V2NIMMessageService.revokeMessage(m2 as never);
    await world.settle();
    row.show(await lastMessageOf(alice, 'A|1|B'));
    expect(screen.queryByRole('img')).toBeNull();
    expect(row.container.innerHTML).toBe('');
  });

  it('shows nothing, loads nothing and subscribes to nothing when the last message is the peer’s', async () => {
    const { alice, bob } = await aliceAndBob();
    await world.send(bob, 'B|1|A', { at: 300 });
    await world.settle();
    const subscribers = createSubscriberCounter();
    subscribers.instrument(alice.engine);
    const row = renderRow(alice, await lastMessageOf(alice, 'A|1|B'));
    await act(() => world.settle());
    expect(row.container.innerHTML).toBe('');
    expect(alice.calls.getP2PMessageReceipt).toEqual([]);
    const before = rowRenders;
    await act(async () => {
      await world.send(alice, 'A|1|B', { at: 400 });
      alice.engine.store.setState((state) => ({ ...state }));
    });
    expect(rowRenders - before).toBe(0);

    // The control: the same row for Alice's own last message (400) subscribes to the store, so the
    // peer's row above held one subscription fewer.
    const withPeersMessage = subscribers.live();
    await act(() => world.settle());
    row.show(await lastMessageOf(alice, 'A|1|B'));
    await act(() => world.settle());
    expect(screen.getByRole('img', { name: 'Sent' })).toBeTruthy();
    expect(subscribers.live()).toBeGreaterThan(withPeersMessage);
  });

  it('draws the app’s glyph from `renderIcon` under the same name, again only when the status moves', async () => {
    const { alice, bob, m2 } = await aliceAndBob();
    const drawn: string[] = [];
    const renderIcon: RenderTickIcon = (status) => {
      drawn.push(status);
      return <i data-glyph={status} />;
    };
    const row = renderRow(alice, await lastMessageOf(alice, 'A|1|B'), 'en', renderIcon);
    await act(() => world.settle());
    const tick = screen.getByRole('img', { name: 'Sent' });
    expect(tick.innerHTML).toBe('<i data-glyph="sent"></i>');
    // A new `lastMessage` object with the same content (the list re-sorted) draws nothing again.
    row.show(await lastMessageOf(alice, 'A|1|B'));

    await bobReads(bob, m2);
    expect(screen.getByRole('img', { name: 'Read' }).innerHTML).toBe('<i data-glyph="read"></i>');
    expect(drawn).toEqual(['sent', 'read']);
  });

  it('speaks Chinese with `locale="zh-CN"`', async () => {
    const { alice, bob, m2 } = await aliceAndBob();
    await bobReads(bob, m2);
    renderRow(alice, await lastMessageOf(alice, 'A|1|B'), 'zh-CN');
    await act(() => world.settle());
    expect(screen.getByRole('img', { name: '已读' })).toBeTruthy();
  });

  it('renders nothing for bad data instead of throwing', async () => {
    const alice = world.device('A');
    const row = renderRow(alice, undefined);
    for (const bad of [null, {}, { lastMessageState: 0, messageRefer: 'x' }, 7]) {
      row.show(bad as never);
      expect(row.container.innerHTML).toBe('');
    }
  });
});
