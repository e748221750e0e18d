import { Writable } from 'node:stream';
import { type ReceiptEngine, type ReceiptMessage, webStorageOutbox } from '@readmark/core';
import { createMemoryServer, type MemoryClient } from '@readmark/memory';
import { createNimTransport } from '@readmark/nim';
import { createElement, Fragment, type ReactNode, Suspense, version } from 'react';
import { renderToPipeableStream } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { countCalls } from '../../../core/src/testing/receiptWorld';
import { useMessageReceipt } from '../hooks/useMessageReceipt';
import { useReadReceipts } from '../hooks/useReadReceipts';
import { useReceiptEngine } from '../hooks/useReceiptEngine';
import { useTeamReceiptDetail } from '../hooks/useTeamReceiptDetail';
import { ReceiptProvider } from '../ReceiptProvider';
import { ConversationReadTick } from './ConversationReadTick';
import { consoleCallsPerTest } from './consoleCallsPerTest.test';
import { MessageList } from './MessageList';
import { ReadTick } from './ReadTick';
import { ReceiptDetailSheet } from './ReceiptDetailSheet';
import { UnreadBadge } from './UnreadBadge';

/*
 * Streaming server rendering in Node (no window, no document), as a Next.js app router page does it:
 * the provider sits in a client component and creates its engine from a transport made for the
 * request; the chat below it waits for its data in a Suspense boundary, which streams in later.
 * Every component and hook renders; the engine is created once per request and never listens,
 * queries, sends or leaves a timer on the server; two requests in flight never share an engine.
 * `renderToPipeableStream` on React 19 and 18.3 (react18 project), `prerender` of react-dom/static
 * on React 19 (18.3 has none).
 */
const consoleCalls = consoleCallsPerTest();

/** The chat's data: pending until `load()`, as a query or a lazy chunk is on a server. */
function createChatData() {
  const data = { isLoaded: false, promise: Promise.resolve(), load: () => {} };
  data.promise = new Promise<void>((resolve) => {
    data.load = () => {
      data.isLoaded = true;
      resolve();
    };
  });
  return data;
}

/** Its children once `data` has loaded; suspends until then. */
function ChatData({
  data,
  children,
}: {
  data: ReturnType<typeof createChatData>;
  children?: ReactNode;
}) {
  if (!data.isLoaded) throw data.promise;
  return children;
}

/** Every hook of the kit, rendered; records the engine it was given. */
function Hooks({ team, engines }: { team: ReceiptMessage; engines: Set<ReceiptEngine> }) {
  engines.add(useReceiptEngine());
  const { peerReadTime } = useReadReceipts('alice|1|bob');
  const receipt = useMessageReceipt(team);
  const detail = useTeamReceiptDetail(team);
  return createElement(
    'output',
    null,
    `peer ${peerReadTime} ${receipt.status} loading ${detail.isLoading} read ${detail.readAccountList.length}`,
  );
}

async function world() {
  let time = 1000;
  const server = createMemoryServer({ now: () => (time += 100) });
  server.createTeam({ teamId: 't1', memberIds: ['alice', 'bob', 'carol'] });
  const alice = server.login('alice');
  const send = async (conversationId: string, text: string, isReceiptRequested = false) => {
    const draft = alice.V2NIMMessageCreator.createTextMessage(text);
    const { message } = await alice.V2NIMMessageService.sendMessage(
      draft,
      conversationId,
      isReceiptRequested ? { messageConfig: { readReceiptEnabled: true } } : undefined,
    );
    await server.settle();
    return message as ReceiptMessage;
  };
  const p2p = await send('alice|1|bob', 'hi');
  const team = await send('alice|2|t1', 'hello team', true);
  const { lastMessage } = await alice.V2NIMConversationService.getConversation('alice|1|bob');
  return { server, alice, p2p, team, lastMessage };
}

type World = Awaited<ReturnType<typeof world>>;

/** The page of one request: its own transport over the logged-in client, the chat streamed late. */
function requestPage({ alice, p2p, team, lastMessage }: World) {
  const counted = countCalls(createNimTransport(alice));
  const engines = new Set<ReceiptEngine>();
  const data = createChatData();
  // The app's outbox storage (a page's localStorage in the browser): the server never touches it.
  const storageCalls: string[] = [];
  const storage = webStorageOutbox({
    getItem: (key) => {
      storageCalls.push(`get ${key}`);
      return null;
    },
    setItem: (key) => void storageCalls.push(`set ${key}`),
    removeItem: (key) => void storageCalls.push(`remove ${key}`),
  });
  const page = createElement(
    ReceiptProvider,
    {
      transport: counted.transport,
      accountId: 'alice',
      locale: 'zh-CN',
      engineOptions: { storage },
    },
    createElement(
      'main',
      null,
      createElement('h1', null, 'Chats ', createElement(ReadTick, { message: p2p })),
      createElement(ConversationReadTick, { lastMessage }),
      createElement(
        Suspense,
        { fallback: createElement('p', null, 'Loading chat…') },
        createElement(
          ChatData,
          { data },
          createElement(
            Fragment,
            null,
            createElement(Hooks, { team, engines }),
            createElement(UnreadBadge, { message: team, onOpen: () => {} }),
            createElement(ReceiptDetailSheet, { message: team, isOpen: true, onClose: () => {} }),
            createElement(MessageList, {
              conversationId: 'alice|1|bob',
              messages: [p2p],
              renderMessage: (message: ReceiptMessage) =>
                createElement(
                  'span',
                  null,
                  (message as { text?: string }).text,
                  createElement(ReadTick, { message }),
                ),
            }),
          ),
        ),
      ),
    ),
  );
  return { page, calls: counted.calls, engines, storageCalls, load: () => data.load() };
}

/** Streams `page` to a string with renderToPipeableStream, calling `onShell` once the shell is out. */
function pipeToString(page: ReactNode, onShell: (html: string) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    let html = '';
    const sink = new Writable({
      write(chunk, _encoding, done) {
        html += String(chunk);
        done();
      },
      final(done) {
        resolve(html);
        done();
      },
    });
    const { pipe } = renderToPipeableStream(page, {
      onShellReady() {
        pipe(sink);
        // The shell is written synchronously by pipe.
        onShell(html);
      },
      onShellError: reject,
      onError: reject,
    });
  });
}

/** What would stay behind on the server: listeners on the client, timers and intervals of Node. */
function leftovers(alice: MemoryClient) {
  return {
    listeners:
      alice.V2NIMMessageService.listenerCount('onReceiveP2PMessageReadReceipts') +
      alice.V2NIMMessageService.listenerCount('onReceiveTeamMessageReadReceipts') +
      alice.V2NIMConversationService.listenerCount('onConversationReadTimeUpdated') +
      alice.V2NIMLoginService.listenerCount('onConnectStatus'),
    timers: process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length,
  };
}

/** Nothing more than before: a timer of the test runner's may end meanwhile, none may start. */
function expectNothingLeft(alice: MemoryClient, before: ReturnType<typeof leftovers>) {
  const after = leftovers(alice);
  expect(after.listeners).toBe(before.listeners);
  expect(after.timers).toBeLessThanOrEqual(before.timers);
}

const noCalls = {
  sendP2PMessageReceipt: [],
  getP2PMessageReceipt: [],
  sendTeamMessageReceipts: [],
  getTeamMessageReceipts: [],
  getTeamMessageReceiptDetail: [],
  getSelfReadTime: [],
};

describe('streaming server rendering in Node', () => {
  it('renderToPipeableStream: shell, then the chat from its Suspense boundary; one engine per request, which does nothing', async () => {
    expect(typeof window).toBe('undefined');
    expect(typeof document).toBe('undefined');
    const data = await world();
    const before = leftovers(data.alice);
    const first = requestPage(data);
    const second = requestPage(data);
    // Two requests in flight at once, their chats loading in the other order.
    let shells = 0;
    const firstHtml = pipeToString(first.page, (shell) => {
      shells++;
      expect(shell).toContain('Loading chat…');
      expect(shell).not.toContain('hello team');
    });
    const secondHtml = pipeToString(second.page, () => void shells++);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(shells).toBe(2);
    second.load();
    await new Promise((resolve) => setTimeout(resolve, 0));
    first.load();
    const pages = await Promise.all([firstHtml, secondHtml]);

    for (const html of pages) {
      expect(html).toContain('aria-label="已发送"');
      expect(html).toContain('data-status="loading"');
      expect(html).toContain('<dialog');
      // The hooks' views on the server: nothing known, nothing loading yet that never will.
      expect(html).toContain('<output>peer 0 sent loading true read 0</output>');
    }
    for (const request of [first, second]) {
      expect(request.engines.size).toBe(1);
      const [engine] = request.engines;
      expect(engine?.accountId).toBe('alice');
      expect(request.calls).toEqual(noCalls);
      expect(request.storageCalls).toEqual([]);
    }
    expect([...first.engines][0]).not.toBe([...second.engines][0]);
    expectNothingLeft(data.alice, before);
    expect(consoleCalls).toEqual([]);
  });

  it.skipIf(version.startsWith('18.'))(
    'prerender (react-dom/static) waits for the boundary and gives one engine that did nothing',
    async () => {
      const data = await world();
      const before = leftovers(data.alice);
      const request = requestPage(data);
      // Named at run time: React 18.3 has no react-dom/static, and this test is skipped there.
      const staticServer = 'react-dom/static';
      const { prerender } = (await import(
        /* @vite-ignore */ staticServer
      )) as typeof import('react-dom/static');
      const rendering = prerender(request.page);
      await new Promise((resolve) => setTimeout(resolve, 0));
      request.load();
      const { prelude } = await rendering;
      const html = await new Response(prelude).text();
      expect(html).not.toContain('Loading chat…');
      expect(html).toContain('<output>peer 0 sent loading true read 0</output>');
      expect(html).toContain('<dialog');
      expect(request.engines.size).toBe(1);
      expect(request.calls).toEqual(noCalls);
      expect(request.storageCalls).toEqual([]);
      expectNothingLeft(data.alice, before);
      expect(consoleCalls).toEqual([]);
    },
  );
});
