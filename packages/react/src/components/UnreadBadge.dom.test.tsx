/**
 * The badge of a message whose counts wait for the connection (jsdom: text and names only; layout is
 * the browser tests').
 */
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import { receiptWorldPerTest } from '../../../core/src/testing/receiptWorld';
import { ReceiptProvider } from '../ReceiptProvider';
import { UnreadBadge } from './UnreadBadge';

const world = receiptWorldPerTest((world) => {
  world.server.createTeam({ teamId: 'T', memberIds: ['A', 'B', 'C'] });
});
afterEach(cleanup);

it.each([
  ['en', 'Waiting for a connection…', 'Loading read receipts…', '2 unread of 2 members'],
  ['zh-CN', '等待网络连接…', '已读回执加载中…', '2人中2人未读'],
] as const)(
  'offline, says it waits for the connection rather than loading (%s), and shows the counts once back',
  async (locale, waiting, loading, counts) => {
    const alice = world.device('A');
    const g1 = await world.send(alice, 'A|2|T', { at: 100, isFlagged: true });
    alice.client.disconnect();
    render(
      <ReceiptProvider engine={alice.engine} locale={locale}>
        <UnreadBadge message={g1} onOpen={() => {}} />
      </ReceiptProvider>,
    );
    await act(() => world.tick(5000));
    expect(screen.getByRole('button', { name: waiting }).dataset.status).toBe('loading');
    expect(screen.queryByText(loading)).toBeNull();

    alice.client.reconnect();
    await act(() => world.tick(1000));
    expect(screen.getByRole('button', { name: counts }).dataset.status).toBe('unread');
  },
);
