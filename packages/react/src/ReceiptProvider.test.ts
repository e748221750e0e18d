import { createReceiptEngine, type ReceiptEngine } from '@readmark/core';
import { createMemoryServer } from '@readmark/memory';
import { createNimTransport } from '@readmark/nim';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { useReadReceipts } from './hooks/useReadReceipts';
import { useReceiptEngine } from './hooks/useReceiptEngine';
import { ReceiptProvider } from './ReceiptProvider';

function Watermark() {
  const { peerReadTime } = useReadReceipts('A|1|B');
  return createElement('output', null, `peer read ${peerReadTime}`);
}

describe('ReceiptProvider on the server', () => {
  it('renders with its own engine and leaves no subscription behind', () => {
    expect(typeof window).toBe('undefined');
    const server = createMemoryServer();
    const alice = server.login('A');
    const html = renderToString(
      createElement(
        ReceiptProvider,
        { transport: createNimTransport(alice), accountId: 'A' },
        createElement(Watermark),
      ),
    );
    expect(html).toContain('peer read 0');
    // Effects never run on the server, so an engine created there must never have subscribed.
    expect(alice.V2NIMMessageService.listenerCount('onReceiveP2PMessageReadReceipts')).toBe(0);
    expect(alice.V2NIMLoginService.listenerCount('onConnectStatus')).toBe(0);
  });

  it('renders a page for nobody logged in (a transport, no account yet) with no receipt state', () => {
    const server = createMemoryServer();
    const alice = server.login('A');
    const html = renderToString(
      createElement(
        ReceiptProvider,
        { transport: createNimTransport(alice), accountId: undefined },
        createElement(Watermark),
      ),
    );
    expect(html).toContain('peer read 0');
    expect(alice.V2NIMMessageService.listenerCount('onReceiveP2PMessageReadReceipts')).toBe(0);
  });

  it('renders a page for an account whose SDK does not exist yet (no transport) with no receipt state', () => {
    // The NIM SDK is created in the browser: on the server, and in the first render there, the app
    // has the account from its session but no transport yet.
    for (const accountId of ['A', undefined]) {
      const html = renderToString(
        createElement(
          ReceiptProvider,
          { transport: undefined, accountId },
          createElement(Watermark),
        ),
      );
      expect(html).toContain('peer read 0');
    }
  });

  it('ignores a stray transport value beside an engine, and its signed-out engine has a plain transport', async () => {
    const server = createMemoryServer();
    const engine = createReceiptEngine({
      transport: createNimTransport(server.login('A')),
      accountId: 'A',
    });
    const html = renderToString(
      createElement(ReceiptProvider, { engine, transport: '' as never }, createElement(Watermark)),
    );
    expect(html).toContain('peer read 0');
    engine.dispose();
    // Without a transport: the signed-out engine's stand-in is no thenable, so a promise resolved
    // with it settles.
    let seen: ReceiptEngine | undefined;
    renderToString(
      createElement(
        ReceiptProvider,
        { transport: undefined, accountId: 'A' },
        createElement(() => {
          seen = useReceiptEngine();
          return null;
        }),
      ),
    );
    expect(seen?.isDisposed).toBe(true);
    await expect(Promise.resolve(seen?.transport)).resolves.toBe(seen?.transport);
  });

  it('says how to fix a transport that is not an object', () => {
    expect(() =>
      renderToString(
        createElement(ReceiptProvider, { transport: 'nim' as never, accountId: 'A' }, 'x'),
      ),
    ).toThrow('`<ReceiptProvider>` needs an `engine` or a `transport` object');
  });
});
