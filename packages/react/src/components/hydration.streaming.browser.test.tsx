import type { ReceiptEngine, ReceiptMessage } from '@readmark/core';
import { screen, waitFor } from '@testing-library/dom';
import { type ReactNode, Suspense, version } from 'react';
import { renderToReadableStream } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { consoleCallsPerTest, forgetConsoleCalls } from './consoleCallsPerTest.test';
import { MessageList } from './MessageList';
import { ReadTick } from './ReadTick';
import { serverPagePerTest } from './serverPagePerTest.test';
import { createWorld, Providers, teamWithMessage, type World } from './testWorld.test';
import { UnreadBadge } from './UnreadBadge';

/*
 * Streaming server rendering: the server sends the page's shell with a Suspense boundary's fallback
 * first, the client hydrates it, and the boundary's content (the chat: its list, ticks and badge)
 * arrives later in the stream, with the script that puts it in place, and hydrates then. The
 * client's engine already knows receipts by then; nothing may mismatch, and the live receipts show
 * once hydrated. (hydration.browser.test.tsx covers a page rendered whole.)
 */
let world: World;
const consoleCalls = consoleCallsPerTest();
afterEach(() => {
  streamingDocument(false);
  world?.dispose();
});
const served = serverPagePerTest(consoleCalls);

/** The chat's data, loading on the server until `load()` (a lazy chunk, a query). */
const chatData = { isLoaded: false, promise: Promise.resolve(), load: () => {} };
function resetChatData() {
  chatData.isLoaded = false;
  chatData.promise = new Promise<void>((resolve) => {
    chatData.load = () => {
      chatData.isLoaded = true;
      resolve();
    };
  });
}
function ChatData({ children }: { children: ReactNode }) {
  if (!chatData.isLoaded) throw chatData.promise;
  return children;
}

function Page({
  engine,
  p2p,
  team,
}: {
  engine: ReceiptEngine;
  p2p: ReceiptMessage;
  team: ReceiptMessage;
}) {
  return (
    <Providers engine={engine}>
      {/* A boundary streams into its parent element (a real page's <body>): one at the root of
          the stream holds the shell back. */}
      <main>
        <h1>
          Chats <ReadTick message={p2p} />
        </h1>
        <Suspense fallback={<p>Loading chat…</p>}>
          <ChatData>
            <p>
              hi <ReadTick message={p2p} />
            </p>
            <p>
              hello team <ReadTick message={team} />{' '}
              <UnreadBadge message={team} onOpen={() => {}} />
            </p>
            <div style={{ height: 200 }}>
              <MessageList
                conversationId="alice|1|bob"
                messages={[p2p]}
                renderMessage={(message) => (
                  <span>
                    {(message as { text?: string }).text} <ReadTick message={message} />
                  </span>
                )}
              />
            </div>
          </ChatData>
        </Suspense>
      </main>
    </Providers>
  );
}

/** While true, the document reads as still loading, as a page does while the server streams it. */
function streamingDocument(isLoading: boolean) {
  if (isLoading) {
    Object.defineProperty(document, 'readyState', { configurable: true, get: () => 'loading' });
    return;
  }
  delete (document as { readyState?: unknown }).readyState;
  document.dispatchEvent(new Event('DOMContentLoaded'));
}

/** Runs the scripts of streamed HTML added with innerHTML, as the browser's parser would. */
function runScripts(element: Element) {
  for (const script of element.querySelectorAll('script')) {
    const running = document.createElement('script');
    running.textContent = script.textContent;
    script.replaceWith(running);
  }
}

describe('streaming server rendering and hydration', () => {
  it('hydrates the shell, then the chat streamed into its Suspense boundary, without a mismatch', async () => {
    world = createWorld();
    const { alice, message: team } = await teamWithMessage(world, { teamId: 't1', readers: 3 });
    const p2p = await world.send(alice, { conversationId: 'alice|1|bob', text: 'hi' });
    const bob = world.server.login('bob');
    const [bobsCopy] = await world.history(bob, 'bob|1|alice');
    await bob.V2NIMMessageService.sendP2PMessageReceipt(bobsCopy as never);
    resetChatData();
    // The server's engine, which knows no receipt, and the browser's.
    const page = (engine: ReceiptEngine) => <Page engine={engine} p2p={p2p} team={team} />;
    const serverPage = page(world.engineFor(alice));
    const clientPage = page(world.engineFor(alice));

    // A streamed page is still loading while its boundaries are pending; React client-renders a
    // pending boundary of a page that has finished loading (the rest can never come).
    streamingDocument(true);
    const stream = await renderToReadableStream(serverPage);
    const reader = stream.getReader();
    const decoder = new TextDecoder();
    const { value: shell } = await reader.read();
    const container = served.serve(decoder.decode(shell));
    expect(screen.getByText('Loading chat…')).toBeTruthy();

    const recoverable = served.hydrate(clientPage);
    // Hydrated, the shell's tick has the client engine learn Bob's receipt before the chat arrives.
    await waitFor(() => expect(screen.getAllByRole('img', { name: 'Read' })).toHaveLength(1));

    chatData.load();
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      rest += decoder.decode(chunk.value);
    }
    const streamed = document.createElement('div');
    streamed.innerHTML = rest;
    container.append(streamed);
    const serverHi = [...streamed.querySelectorAll('p')].find((p) =>
      p.textContent?.startsWith('hi'),
    );
    runScripts(streamed);
    streamingDocument(false);

    // The server's markup is put in place and hydrated: its nodes stay, the live receipts show.
    await screen.findByRole('button', { name: '9 unread of 12 members' });
    await waitFor(() => expect(screen.getAllByRole('img', { name: 'Read' })).toHaveLength(3));
    expect(serverHi?.isConnected).toBe(true);
    expect(serverHi?.querySelector('[role="img"]')?.getAttribute('aria-label')).toBe('Read');
    expect(screen.queryByText('Loading chat…')).toBeNull();
    expect(recoverable).toEqual([]);
    // This "server" renders in Chromium, in the page that hydrates, which a real one never does:
    // React warns that two renderers (this server's and the client's) render the same contexts at
    // once, and React 18 about the layout effects its server renderer meets (a real server has no
    // document, see hydration.browser.test.tsx). Neither comes from hydrating.
    forgetConsoleCalls(
      consoleCalls,
      (message) =>
        message.includes('multiple renderers concurrently rendering') ||
        (version.startsWith('18.') && message.includes('useLayoutEffect does nothing')),
    );
    expect(consoleCalls).toEqual([]);
  });
});
