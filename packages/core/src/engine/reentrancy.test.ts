/**
 * App code running inside the engine's own work: a custom transport that delivers an event before
 * its call returns (its store update runs the app's subscribers), and subscribers or an `onError`
 * that call the engine back (flush, mute, dispose). The engine's loops must not send a receipt
 * twice, send one the app just muted, or keep working after a dispose made from inside them.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReceiptError } from '../ReceiptError';
import type { ReceiptTransport, TransportEvent } from '../ReceiptTransport';
import type { ReceiptMessage } from '../types';
import { createReceiptEngine } from './createReceiptEngine';
import type { ReceiptEngine, ReceiptEngineOptions } from './ReceiptEngine';

/** A minimal custom transport whose listeners are called synchronously by `deliver`. */
function createTransport(overrides: Partial<ReceiptTransport> = {}) {
  const listeners = new Set<(event: TransportEvent) => void>();
  const calls: Array<[string, ...unknown[]]> = [];
  const transport: ReceiptTransport = {
    async sendP2PMessageReceipt(message) {
      calls.push(['sendP2PMessageReceipt', message.createTime]);
    },
    async getP2PMessageReceipt(conversationId) {
      return { conversationId, timestamp: 0 };
    },
    async sendTeamMessageReceipts(messages) {
      calls.push(['sendTeamMessageReceipts', messages.map((m) => m.messageClientId)]);
    },
    async getTeamMessageReceipts(messages) {
      calls.push(['getTeamMessageReceipts', messages.map((m) => m.messageClientId)]);
      return [];
    },
    async getTeamMessageReceiptDetail(message) {
      calls.push(['getTeamMessageReceiptDetail', message.messageClientId]);
      return {
        readReceipt: {
          conversationId: message.conversationId,
          messageServerId: message.messageServerId ?? '',
          messageClientId: message.messageClientId,
          readCount: 0,
          unreadCount: 1,
        },
        readAccountList: [],
        unreadAccountList: ['B'],
      };
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    ...overrides,
  };
  const deliver = (event: TransportEvent) => {
    for (const listener of [...listeners]) listener(event);
  };
  return { transport, calls, deliver };
}

/** A flagged message of team `teamId`, from `senderId`. */
const inTeam = (teamId: string, id: string, senderId = 'B'): ReceiptMessage => ({
  messageClientId: id,
  messageServerId: `s${id}`,
  createTime: 100,
  senderId,
  receiverId: teamId,
  conversationType: 2,
  conversationId: `A|2|${teamId}`,
  messageConfig: { readReceiptEnabled: true },
});

/** Engines a test made: disposed after it, so none is left to take the next test's receipts. */
const engines: ReceiptEngine[] = [];
function engineOf(options: ReceiptEngineOptions): ReceiptEngine {
  const engine = createReceiptEngine(options);
  engines.push(engine);
  return engine;
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  for (const engine of engines.splice(0)) engine.dispose();
  vi.useRealTimers();
});

describe('a transport event delivered inside sendTeamMessageReceipts', () => {
  /** A transport that tells of a peer's read before each team send returns, as a socket may. */
  function eventfulTransport() {
    const world = createTransport();
    const send = world.transport.sendTeamMessageReceipts;
    world.transport.sendTeamMessageReceipts = (messages) => {
      world.deliver({ type: 'p2pReceipts', receipts: [{ conversationId: 'A|1|Z', timestamp: 1 }] });
      return send(messages);
    };
    return world;
  }
  /** The team calls made, in any order (the event is delivered before the call is counted). */
  const teamSends = (calls: Array<[string, ...unknown[]]>) =>
    calls
      .filter(([method]) => method === 'sendTeamMessageReceipts')
      .map(([, ids]) => String(ids))
      .sort();

  it('with a subscriber that flushes: each team’s receipts go once', async () => {
    const { transport, calls } = eventfulTransport();
    const engine = engineOf({ accountId: 'A', transport });
    engine.store.subscribe(() => engine.flush());
    engine.markRead([inTeam('T1', 'x'), inTeam('T2', 'y')]);
    await vi.advanceTimersByTimeAsync(300);
    expect(teamSends(calls)).toEqual(['x', 'y']);
  });

  it('with a subscriber that disposes: each team’s receipts go once', async () => {
    const { transport, calls } = eventfulTransport();
    const engine = engineOf({ accountId: 'A', transport });
    engine.store.subscribe(() => engine.dispose());
    engine.markRead([inTeam('T1', 'x'), inTeam('T2', 'y')]);
    await vi.advanceTimersByTimeAsync(300);
    expect(teamSends(calls)).toEqual(['x', 'y']);
  });

  it('with a subscriber that marks a later team unavailable: nothing is sent to it', async () => {
    const { transport, calls } = eventfulTransport();
    const engine = engineOf({ accountId: 'A', transport });
    engine.store.subscribe(() =>
      engine.reportSendFailure('A|2|T2', new ReceiptError(108312, 'receipts off')),
    );
    engine.markRead([inTeam('T1', 'x'), inTeam('T2', 'y')]);
    await vi.advanceTimersByTimeAsync(300);
    expect(teamSends(calls)).toEqual(['x']);
  });
});
