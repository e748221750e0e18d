import { createReceiptEngine, type ReceiptEngine } from '@readmark/core';
import type { MemoryServer } from '@readmark/memory';
import { createNimTransport } from '@readmark/nim';
import { ReceiptProvider } from '@readmark/react';
import type { ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach } from 'vitest';
import { DemoStringsProvider } from './i18n/DemoStringsContext';

/*
 * Alice's device as the demo's components see it in a browser test: her real engine over the NIM
 * transport on the memory server (Bob logged in too), and what is rendered under her provider in
 * English. Everything is unmounted and disposed after each test of the file that imports it.
 */

let root: Root | undefined;
const disposers: (() => void)[] = [];
afterEach(() => {
  unmountAliceDevice();
  for (const dispose of disposers.splice(0)) dispose();
  document.body.replaceChildren();
});

/** Logs Alice and Bob in on `server` and starts Alice's engine (sending at once, no flush delay). */
export function aliceDevice(server: MemoryServer) {
  const alice = server.login('alice');
  server.login('bob');
  const engine = createReceiptEngine({
    transport: createNimTransport(alice),
    accountId: 'alice',
    flushDelayMs: 0,
  });
  disposers.push(() => engine.dispose());
  return { alice, engine };
}

/** Renders `children` on Alice's device with the demo's and the kit's English strings; returns its container. */
export function renderOnAliceDevice(engine: ReceiptEngine, children: ReactNode) {
  const container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  flushSync(() =>
    root?.render(
      <DemoStringsProvider locale="en">
        <ReceiptProvider engine={engine} locale="en">
          {children}
        </ReceiptProvider>
      </DemoStringsProvider>,
    ),
  );
  return container;
}

/** Unmounts what `renderOnAliceDevice` rendered (the engine stays until the test ends). */
export function unmountAliceDevice() {
  flushSync(() => root?.unmount());
  root = undefined;
}
