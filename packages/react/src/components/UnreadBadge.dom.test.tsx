/**
 * The badge of a message whose counts load or wait for the connection (jsdom: text, names and the
 * inline style that hides a short load; layout is the browser tests').
 */
import { act, cleanup, render, screen } from '@testing-library/react';
import { Profiler } from 'react';
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

it.each([
  ['en', 'Loading read receipts…', '2 unread of 2 members'],
  ['zh-CN', '已读回执加载中…', '2人中2人未读'],
] as const)(
  'counts that come within 200 ms never show "loading" (%s): the badge waits visually hidden, its name there, and renders no more than before',
  async (locale, loading, counts) => {
    const alice = world.device('A');
    const g1 = await world.send(alice, 'A|2|T', { at: 100, isFlagged: true });
    const commits: string[] = [];
    render(
      <ReceiptProvider engine={alice.engine} locale={locale}>
        <Profiler id="badge" onRender={(_id, phase) => void commits.push(phase)}>
          <UnreadBadge message={g1} onOpen={() => {}} />
        </Profiler>
      </ReceiptProvider>,
    );
    const badge = screen.getByRole('button', { name: loading });
    expect(badge.dataset.status).toBe('loading');
    // Out of the flow, one pixel: the bubble keeps the width it had while sending.
    expect([badge.style.position, badge.style.width]).toEqual(['absolute', '1px']);
    // The engine asks for counts after 50 ms; they come at once.
    await act(() => world.tick(199));
    expect(screen.getByRole('button', { name: counts })).toBe(badge);
    expect(badge.style.position).toBe('');
    expect(commits).toEqual(['mount', 'update']);
    await act(() => world.tick(5000));
    expect(commits).toEqual(['mount', 'update']);
  },
);

it.each([
  ['en', 'Loading read receipts…', '2 unread of 2 members'],
  ['zh-CN', '已读回执加载中…', '2人中2人未读'],
] as const)(
  'counts that take longer show "loading" once it has lasted 200 ms (%s), with one render more',
  async (locale, loading, counts) => {
    const alice = world.device('A');
    const g1 = await world.send(alice, 'A|2|T', { at: 100, isFlagged: true });
    // The first count query times out; the engine asks again after its backoff (750 ms here).
    world.server.injectFault({ method: 'getTeamMessageReceipts', code: 192004 });
    const commits: string[] = [];
    render(
      <ReceiptProvider engine={alice.engine} locale={locale}>
        <Profiler id="badge" onRender={(_id, phase) => void commits.push(phase)}>
          <UnreadBadge message={g1} onOpen={() => {}} />
        </Profiler>
      </ReceiptProvider>,
    );
    const badge = screen.getByRole('button', { name: loading });
    await act(() => world.tick(199));
    expect(badge.style.position).toBe('absolute');
    expect(commits).toEqual(['mount']);
    await act(() => world.tick(1));
    expect(badge.style.position).toBe('');
    expect(badge.textContent).toBe(loading);
    expect(commits).toEqual(['mount', 'update']);
    await act(() => world.tick(2000));
    expect(screen.getByRole('button', { name: counts })).toBe(badge);
    expect(commits).toEqual(['mount', 'update', 'update']);
  },
);
