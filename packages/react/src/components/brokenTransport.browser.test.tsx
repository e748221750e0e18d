import {
  ReceiptError,
  type ReceiptErrorContext,
  type ReceiptMessage,
  type ReceiptTransport,
} from '@readmark/core';
import { createNimTransport } from '@readmark/nim';
import { screen, waitFor } from '@testing-library/dom';
import { Component, type ReactNode, StrictMode } from 'react';
import { describe, expect, it } from 'vitest';
import { useTeamReceiptDetail } from '../hooks/useTeamReceiptDetail';
import { ReceiptProvider } from '../ReceiptProvider';
import { ConversationReadTick } from './ConversationReadTick';
import { consoleCallsPerTest } from './consoleCallsPerTest.test';
import { addStyle, listWorldPerTest } from './listWorldPerTest.test';
import { MessageList } from './MessageList';
import { ReadTick } from './ReadTick';
import { ReceiptDetailSheet } from './ReceiptDetailSheet';
import { frames, renderApp, settle } from './testWorld.test';
import { UnreadBadge } from './UnreadBadge';

/*
 * A custom transport that fails every call in the worst ways a backend's code can: throwing
 * synchronously, or rejecting with null, a string, a plain object without a code, an object whose
 * fields throw when read. The app around the kit has an error boundary: it must never catch anything
 * (no component throws while rendering), and every failure reaches `onError` as a ReceiptError with
 * a numeric NIM code. Such a failure is retried, so the detail hook and the sheet show it as loading,
 * not as a final `error`.
 */
const world = listWorldPerTest();
const consoleCalls = consoleCallsPerTest();
addStyle('.broken-list { height: 200px; width: 400px; }');

const hostile = new Proxy(
  {},
  {
    get() {
      throw new Error('hostile field');
    },
    has() {
      throw new Error('hostile field');
    },
  },
);

const faults: [name: string, fail: () => Promise<never>][] = [
  [
    'throws synchronously',
    () => {
      throw new TypeError('backend bug');
    },
  ],
  ['rejects with null', () => Promise.reject(null)],
  ['rejects with a string', () => Promise.reject('socket closed')],
  ['rejects with an object without a code', () => Promise.reject({ status: 500 })],
  ['rejects with an object whose fields throw', () => Promise.reject(hostile)],
];

/** The real transport, whose receipt calls (queries and sends) all fail with `fail`. */
function brokenTransport(real: ReceiptTransport, fail: () => Promise<never>): ReceiptTransport {
  return {
    ...real,
    subscribe: (listener) => real.subscribe(listener),
    getConnectionState: () => real.getConnectionState?.() ?? 'connected',
    subscribeConnectionState: (listener) => real.subscribeConnectionState!(listener),
    sendP2PMessageReceipt: fail,
    getP2PMessageReceipt: fail,
    sendTeamMessageReceipts: fail,
    getTeamMessageReceipts: fail,
    getTeamMessageReceiptDetail: fail,
    getSelfReadTime: fail,
  };
}

class Boundary extends Component<{ children: ReactNode; caught: unknown[] }, { error?: unknown }> {
  override state: { error?: unknown } = {};
  static getDerivedStateFromError(error: unknown) {
    return { error };
  }
  override componentDidCatch(error: unknown) {
    this.props.caught.push(error);
  }
  override render() {
    return this.state.error === undefined ? this.props.children : <p>crashed</p>;
  }
}

function DetailError({ message }: { message: ReceiptMessage }) {
  const { error, isLoading } = useTeamReceiptDetail(message);
  return (
    <output>
      detail {isLoading ? 'loading' : 'settled'} {error ? `error ${error.code}` : 'no error'}
    </output>
  );
}

describe('a transport that fails every call', () => {
  it('whose subscriptions and connection getter throw synchronously: nothing throws while rendering, onError says why', async () => {
    const alice = world.server.login('alice');
    const own = await world.send(alice, { conversationId: 'alice|1|bob', text: 'hi bob' });
    const real = createNimTransport(alice);
    const broken: ReceiptTransport = {
      ...real,
      subscribe: () => {
        throw 'no socket';
      },
      getConnectionState: () => {
        throw null;
      },
      subscribeConnectionState: () => {
        throw hostile;
      },
    };
    const errors: [ReceiptError, ReceiptErrorContext][] = [];
    const caught: unknown[] = [];
    renderApp(
      <StrictMode>
        <Boundary caught={caught}>
          <ReceiptProvider
            transport={broken}
            accountId="alice"
            engineOptions={{ onError: (error, context) => void errors.push([error, context]) }}
          >
            <ReadTick message={own} />
          </ReceiptProvider>
        </Boundary>
      </StrictMode>,
    );
    await waitFor(() =>
      expect(errors.map(([, context]) => context.operation)).toContain('subscribe'),
    );
    await settle(world.server);
    expect(caught).toEqual([]);
    expect(screen.getByRole('img', { name: 'Sent' })).toBeTruthy();
    expect(errors.map(([, context]) => context.operation).sort()).toEqual([
      'subscribe',
      'subscribeConnectionState',
    ]);
    for (const [error] of errors) {
      expect(error).toBeInstanceOf(ReceiptError);
      expect(Number.isInteger(error.code)).toBe(true);
    }
    expect(consoleCalls).toEqual([]);
  });

  for (const [name, fail] of faults) {
    it(`${name}: nothing throws while rendering; onError gets ReceiptErrors with NIM codes`, async () => {
      world.server.createTeam({ teamId: 't1', memberIds: ['alice', 'bob', 'carol'] });
      const alice = world.server.login('alice');
      const bob = world.server.login('bob');
      const team = await world.send(alice, {
        conversationId: 'alice|2|t1',
        text: 'lunch?',
        isReceiptRequested: true,
      });
      const own = await world.send(alice, { conversationId: 'alice|1|bob', text: 'hi bob' });
      await world.send(bob, { conversationId: 'bob|1|alice', text: 'hi alice' });
      const incoming = (await world.history(alice, 'alice|1|bob')).filter((m) => !m.isSelf);
      const { lastMessage } = await alice.V2NIMConversationService.getConversation('alice|1|bob');
      const errors: [ReceiptError, ReceiptErrorContext][] = [];
      const caught: unknown[] = [];
      renderApp(
        <StrictMode>
          <Boundary caught={caught}>
            <ReceiptProvider
              transport={brokenTransport(createNimTransport(alice), fail)}
              accountId="alice"
              engineOptions={{
                flushDelayMs: 0,
                loadDelayMs: 0,
                retry: { baseDelayMs: 10, maxDelayMs: 20 },
                onError: (error, context) => void errors.push([error, context]),
              }}
            >
              <div>
                <ReadTick message={own} /> <ConversationReadTick lastMessage={lastMessage} />
                <ReadTick message={team} /> <UnreadBadge message={team} onOpen={() => {}} />
                <DetailError message={team} />
                <ReceiptDetailSheet message={team} isOpen onClose={() => {}} />
              </div>
              <MessageList
                className="broken-list"
                conversationId="alice|1|bob"
                messages={incoming}
                readDwellMs={0}
                renderMessage={(message) => (
                  <div style={{ height: 40 }}>{(message as { text?: string }).text}</div>
                )}
              />
            </ReceiptProvider>
          </Boundary>
        </StrictMode>,
      );
      // Every kind of call failed and was told once: the queries, and the send of what was read.
      await waitFor(() =>
        expect(new Set(errors.map(([, context]) => context.operation))).toEqual(
          new Set([
            'getP2PMessageReceipt',
            'getSelfReadTime',
            'getTeamMessageReceipts',
            'getTeamMessageReceiptDetail',
            'sendP2PMessageReceipt',
          ]),
        ),
      );
      await frames(5);
      await settle(world.server);
      // Each told once (StrictMode's second mount asks nothing again), with NIM's "request
      // failed": nothing said the call cannot succeed, so it is retried, quietly.
      expect(errors).toHaveLength(5);
      for (const [error] of errors) {
        expect(error).toBeInstanceOf(ReceiptError);
        expect(error.code).toBe(192006);
        expect(typeof error.message).toBe('string');
      }
      expect(screen.getByText('detail loading no error')).toBeTruthy();
      expect(screen.getByRole('dialog').getAttribute('data-status')).toBe('loading');
      expect(caught).toEqual([]);
      expect(screen.queryByText('crashed')).toBeNull();
      // Still on screen, in a state that says so: both ticks "Sent", which is true (the one-to-one
      // peer's read time could not be had; a team tick does not wait for counts its badge asks for).
      const sentModes = screen
        .getAllByRole('img', { name: 'Sent' })
        .map((tick) => tick.dataset.mode);
      expect(sentModes.sort()).toEqual(['p2p', 'team']);
      expect(screen.getByRole('dialog')).toBeTruthy();
      expect(consoleCalls).toEqual([]);
    });
  }
});
