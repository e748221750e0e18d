/**
 * The README's "Hooks for a custom UI" sample, run as written: its TypeScript block is taken from
 * README.md (CI type-checks the same block, scripts/packSmoke.mjs), compiled, and `MyTick` rendered
 * over the real engine, nim transport and memory server in every state a message passes through.
 */
import type { ReceiptMessage } from '@readmark/core';
import { act, render } from '@testing-library/react';
import * as React from 'react';
import { transformWithOxc } from 'vite';
import { describe, expect, it } from 'vitest';
import readme from '../../../README.md?raw';
import { receiptWorldPerTest, type WorldDevice } from '../../core/src/testing/receiptWorld';
import * as kit from './index';
import { ReceiptProvider } from './ReceiptProvider';

const world = receiptWorldPerTest();

/** The README's `MyTick`, compiled from the section's first `tsx` block. */
async function readmeTick(): Promise<(props: { message: ReceiptMessage }) => React.ReactNode> {
  const section = readme.slice(readme.indexOf('## Hooks for a custom UI'));
  const block = /```tsx\n([\s\S]*?)```/.exec(section)![1]!;
  // Its imports are what the function below is given; `export` is dropped so it runs as a body.
  const body = block.replace(/^import[\s\S]*?;\n/gm, '').replace(/^export /gm, '');
  const { code } = await transformWithOxc(body, 'sample.tsx', {
    lang: 'tsx',
    jsx: { runtime: 'classic' },
  });
  const make = new Function(
    'React',
    'kit',
    `const { ${Object.keys(kit).join(', ')} } = kit;
    const { useEffect } = React;
    ${code}
    return MyTick;`,
  );
  return make(React, kit);
}

/** What `MyTick` shows for `message` on `device`, after every render from mount until settled. */
async function shown(device: WorldDevice, message: ReceiptMessage): Promise<string[]> {
  const MyTick = await readmeTick();
  const texts: string[] = [];
  const view = render(
    <ReceiptProvider engine={device.engine}>
      <MyTick message={message} />
    </ReceiptProvider>,
  );
  const take = () => {
    const text = view.container.textContent ?? '';
    if (text !== texts.at(-1)) texts.push(text);
  };
  take();
  for (let step = 0; step < 5; step++) {
    await act(() => world.tick(100));
    take();
  }
  view.unmount();
  return texts;
}

describe("README's MyTick", () => {
  it('shows nothing wrong while a one-to-one message waits for the peer read time', async () => {
    const alice = world.device('A');
    const bob = world.device('B');
    const message = await world.send(alice, 'A|1|B', { at: 100 });
    await world.settle();
    bob.engine.markRead([world.copyOf(bob, message)]);
    await world.tick(1000);
    const laptop = world.device('A', { isStartDeferred: true });
    expect(await shown(laptop, message)).toEqual(['…', 'read']);
  });

  it('never says " unread" without a number for a team message: loading, sending, counts failed for good', async () => {
    world.server.createTeam({ teamId: 'T', memberIds: ['A', 'B', 'C'] });
    const alice = world.device('A');
    const message = await world.send(alice, 'A|2|T', { at: 100, isFlagged: true });
    await world.settle();
    expect(await shown(alice, message)).toEqual(['…', '2 unread']);
    const sending = { ...message, messageClientId: 'sending', sendingState: 3 };
    expect(await shown(alice, sending)).toEqual(['sending']);
    const other = await world.send(alice, 'A|2|T', { at: 200, isFlagged: true });
    await world.settle();
    world.server.injectFault({ method: 'getTeamMessageReceipts', code: 191004 });
    expect(await shown(alice, other)).toEqual(['…', 'sent']);
  });
});
