/**
 * `ReadBy` over the real engine and memory server (jsdom: text, names and queries; the layout of
 * the avatars is the stories').
 */
import type { ReceiptMessage } from '@readmark/core';
import { act, cleanup, render } from '@testing-library/react';
import { Profiler } from 'react';
import { afterEach, expect, it } from 'vitest';
import { receiptWorldPerTest, type WorldDevice } from '../../../core/src/testing/receiptWorld';
import type { ReceiptLocale } from '../i18n/ReceiptStrings';
import { ReceiptProvider } from '../ReceiptProvider';
import { ReadBy, type ReadByProps } from './ReadBy';

const world = receiptWorldPerTest((world) => {
  world.server.createTeam({ teamId: 'T', memberIds: ['A', 'B', 'C', 'D', 'E', 'F'] });
});
afterEach(cleanup);

const NAMES: Record<string, { name: string; avatarUrl?: string }> = {
  B: { name: 'Bob', avatarUrl: 'https://example.test/bob.png' },
  C: { name: 'Carol' },
  D: { name: 'Dave' },
  E: { name: 'Erin' },
};
const resolveMember = (accountId: string) => NAMES[accountId];

function renderReadBy(
  device: WorldDevice,
  props: ReadByProps,
  locale: ReceiptLocale = 'en',
): HTMLElement {
  const { container } = render(
    <ReceiptProvider engine={device.engine} locale={locale} resolveMember={resolveMember}>
      <ReadBy {...props} />
    </ReceiptProvider>,
  );
  return container;
}

/** A and every other member logged in, and A's flagged message to the team. */
async function aliceSendsTheTeam() {
  const alice = world.device('A');
  const readers = new Map(['B', 'C', 'D', 'E', 'F'].map((id) => [id, world.device(id)]));
  const g1 = await world.send(alice, 'A|2|T', { at: 100, isFlagged: true });
  await world.settle();
  /** `reader` sees the message, and its engine sends the receipt. */
  async function reads(reader: string) {
    const device = readers.get(reader)!;
    device.engine.markRead([world.copyOf(device, g1)]);
    await act(() => world.tick(1000));
  }
  return { alice, g1, reads };
}

/** What is read out: the line without its hidden avatars, and without the isolates around names. */
function textOf(container: HTMLElement): string | undefined {
  const line = container.querySelector('.readmark-read-by');
  if (!line) return undefined;
  return [...line.childNodes]
    .filter((node) => !(node instanceof Element && node.getAttribute('aria-hidden') === 'true'))
    .map((node) => node.textContent)
    .join('')
    .replace(/[\u2068\u2069]/g, '');
}

it.each([
  ['en', ['Read by Bob', 'Read by Carol and Bob', 'Read by Erin, Dave, Carol, and 1 other']],
  ['zh-CN', ['Bob已读', 'Carol和Bob已读', 'Erin、Dave、Carol等4人已读']],
] as const)(
  'names the latest readers first as they read, counting the rest, from one query (%s)',
  async (locale, lines) => {
    const { alice, g1, reads } = await aliceSendsTheTeam();
    const container = renderReadBy(alice, { message: g1 }, locale);
    await act(() => world.tick(1000));
    // Nobody has read: nothing, not "Read by" an empty list, and no lists asked for (the counts,
    // loaded as for a badge, say there is nobody to name).
    expect(container.innerHTML).toBe('');
    expect(alice.calls.getTeamMessageReceiptDetail).toHaveLength(0);
    expect(alice.calls.getTeamMessageReceipts).toHaveLength(1);

    await reads('B');
    expect(textOf(container)).toBe(lines[0]);
    await reads('C');
    expect(textOf(container)).toBe(lines[1]);
    await reads('D');
    await reads('E');
    expect(textOf(container)).toBe(lines[2]);
    const line = container.querySelector('.readmark-read-by')!;
    expect(line.getAttribute('lang')).toBe(locale);
    // Each later reader came with the receipt event: the lists were asked for once, at the first.
    expect(alice.calls.getTeamMessageReceiptDetail).toHaveLength(1);
  },
);

it('pictures the named readers with their avatars or initials, hidden from assistive tech', async () => {
  const { alice, g1, reads } = await aliceSendsTheTeam();
  const container = renderReadBy(alice, { message: g1, max: 2 });
  await reads('B');
  await reads('F');
  await reads('C');
  // F has no entry in the app's resolver: the account id is the name.
  expect(textOf(container)).toBe('Read by Carol, F, and 1 other');
  const avatars = container.querySelector('.readmark-read-by-avatars')!;
  expect(avatars.getAttribute('aria-hidden')).toBe('true');
  expect([...avatars.children].map((avatar) => avatar.textContent)).toEqual(['C', 'F']);

  // Bob's picture once he is among the latest two.
  cleanup();
  const again = renderReadBy(alice, { message: g1, max: 3 });
  await act(() => world.tick(1000));
  const images = again.querySelectorAll('img');
  expect(
    [...images].map((image) => [image.getAttribute('src'), image.getAttribute('alt')]),
  ).toEqual([['https://example.test/bob.png', '']]);
});

it('takes a `max` that is not a whole number above 0 as the default, 3', async () => {
  const { alice, g1, reads } = await aliceSendsTheTeam();
  for (const reader of ['B', 'C', 'D', 'E']) await reads(reader);
  for (const max of [0, -1, 2.5, Number.NaN, '2' as unknown as number]) {
    const container = renderReadBy(alice, { message: g1, max });
    await act(() => world.tick(0));
    expect(textOf(container)).toBe('Read by Erin, Dave, Carol, and 1 other');
    cleanup();
  }
});

it('renders nothing, and asks for nothing, where no member lists can be', async () => {
  const alice = world.device('A');
  const bob = world.device('B');
  const flagged = await world.send(alice, 'A|2|T', { at: 100, isFlagged: true });
  const unflagged = await world.send(alice, 'A|2|T', { at: 200 });
  const p2p = await world.send(alice, 'A|1|B', { at: 300 });
  await world.settle();
  for (const [device, message] of [
    [alice, unflagged],
    [alice, p2p],
    // Someone else's message: the server answers only its sender (SPEC G8).
    [bob, world.copyOf(bob, flagged)],
    [alice, null as unknown as ReceiptMessage],
    [alice, { messageClientId: 42 } as unknown as ReceiptMessage],
  ] as const) {
    const container = renderReadBy(device, { message });
    await act(() => world.tick(1000));
    expect(container.innerHTML).toBe('');
    cleanup();
  }
  expect(alice.calls.getTeamMessageReceiptDetail).toHaveLength(0);
  expect(bob.calls.getTeamMessageReceiptDetail).toHaveLength(0);
});

it('renders once per reader, not once per count or list change in between', async () => {
  const { alice, g1, reads } = await aliceSendsTheTeam();
  let renders = 0;
  render(
    <ReceiptProvider engine={alice.engine} resolveMember={resolveMember}>
      <Profiler id="read-by" onRender={() => void renders++}>
        <ReadBy message={g1} />
      </Profiler>
    </ReceiptProvider>,
  );
  await act(() => world.tick(1000));
  // Mounted; the counts came, nobody has read: nothing to render again.
  expect(renders).toBe(1);
  await reads('B');
  // The first reader: the lists are asked for (loading), then come.
  expect(renders).toBe(3);
  await reads('C');
  await reads('D');
  expect(renders).toBe(5);
});
