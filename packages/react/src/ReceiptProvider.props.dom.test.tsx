/**
 * What `ReceiptProvider` takes: an `engine`, or a `transport` with its `accountId`. Forgetting
 * `accountId`, or giving both an `engine` and a `transport`, does not compile (the
 * `@ts-expect-error` lines below, checked by `npm run typecheck`); a JavaScript app that forgets it
 * still renders, with no receipts, and is told why on the console, once per provider. Signed out on
 * purpose (an empty `accountId`, no SDK yet) says nothing.
 */
import type { ReceiptEngine, ReceiptTransport } from '@readmark/core';
import { createNimTransport } from '@readmark/nim';
import { act, cleanup, render, screen } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, expect, it } from 'vitest';
import { receiptWorldPerTest } from '../../core/src/testing/receiptWorld';
import { consoleCallsPerTest } from './components/consoleCallsPerTest.test';
import { ReadTick } from './components/ReadTick';
import { ReceiptProvider } from './ReceiptProvider';

const world = receiptWorldPerTest();
const consoleCalls = consoleCallsPerTest();
afterEach(cleanup);

const noAccount =
  "`<ReceiptProvider>` has no `accountId` prop, so it shows no receipts: pass it with `transport` ('' while signed out), or pass an `engine`";

it('without an accountId prop shows no tick and says why on the console, once per provider; signed out on purpose says nothing', async () => {
  const alice = world.device('A');
  const message = await world.send(alice, 'A|1|B', { at: 100 });
  const transport = createNimTransport(alice.client);
  const tick = <ReadTick message={message} />;
  const app = () => (
    <StrictMode>
      {/* @ts-expect-error `accountId` goes with `transport` */}
      <ReceiptProvider transport={transport}>{tick}</ReceiptProvider>
      {/* @ts-expect-error an `engine`, or a `transport` and an `accountId` */}
      <ReceiptProvider>{tick}</ReceiptProvider>
      {/* Signed out, written so: no warning. */}
      <ReceiptProvider transport={transport} accountId="">
        {tick}
      </ReceiptProvider>
      <ReceiptProvider transport={transport} accountId={null}>
        {tick}
      </ReceiptProvider>
      <ReceiptProvider transport={transport} accountId={undefined}>
        {tick}
      </ReceiptProvider>
      <ReceiptProvider transport={null} accountId="A">
        {tick}
      </ReceiptProvider>
      <ReceiptProvider transport={undefined} accountId="A">
        {tick}
      </ReceiptProvider>
      <ReceiptProvider engine={undefined}>{tick}</ReceiptProvider>
    </StrictMode>
  );
  const { rerender } = render(app());
  await act(() => world.tick(100));
  rerender(app());
  await act(() => world.tick(100));

  expect(screen.queryAllByRole('img')).toEqual([]);
  expect(consoleCalls).toEqual([[noAccount], [noAccount]]);

  // The first provider, given its account, shows the tick and says nothing more.
  rerender(
    <StrictMode>
      <ReceiptProvider transport={transport} accountId="A">
        {tick}
      </ReceiptProvider>
    </StrictMode>,
  );
  await act(() => world.tick(100));
  expect(screen.getByRole('img', { name: 'Sent' })).toBeTruthy();
  expect(consoleCalls).toHaveLength(2);
});

declare const ownEngine: ReceiptEngine;
declare const nimTransport: ReceiptTransport;

/** Compiled, never run: what the props' union rejects besides the two rendered above. */
export const rejectedProps = () => [
  // @ts-expect-error an engine you own, or a transport the provider makes one of: not both
  <ReceiptProvider key="both" engine={ownEngine} transport={nimTransport} accountId="A" />,
  // @ts-expect-error an engine has its account already
  <ReceiptProvider key="engine-account" engine={ownEngine} accountId="A" />,
  // @ts-expect-error `transport` is written, if only as `undefined` until the SDK exists
  <ReceiptProvider key="account-only" accountId="A" />,
  // @ts-expect-error an account id is a string
  <ReceiptProvider key="numeric-account" transport={nimTransport} accountId={7} />,
];
