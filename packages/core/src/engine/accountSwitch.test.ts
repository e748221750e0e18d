/**
 * One SDK instance logged out of A and into B while A's engine still holds receipts (an app with a
 * single `nim`, switching accounts): none of A's receipts is sent in B's session, where the server
 * would take it as B's read (SPEC P4), nor fails there as B's; they are kept for A (its next engine
 * or its storage) or dropped. Real engine, nim transport and memory server.
 */

import { createNimTransport } from '@readmark/nim';
import { describe, expect, it } from 'vitest';
import type { ReceiptError } from '../ReceiptError';
import type { ReceiptOutboxStorage } from '../storage/ReceiptOutboxStorage';
import { countCalls, receiptWorldPerTest, teamReaders } from '../testing/receiptWorld';
import { createSwitchingInstance } from '../testing/switchingInstance';
import type { ReceiptMessage } from '../types';
import { createReceiptEngine } from './createReceiptEngine';

const world = receiptWorldPerTest((world) => {
  world.server.createTeam({ teamId: 'T', memberIds: ['A', 'B', 'C'] });
});

/** A storage kept in a Map, by account. */
function mapStorage(): ReceiptOutboxStorage & { kept: Map<string, ReceiptMessage[]> } {
  const kept = new Map<string, ReceiptMessage[]>();
  return {
    kept,
    load: (accountId) => kept.get(accountId) ?? [],
    save: (accountId, messages) => void kept.set(accountId, [...messages]),
  };
}

/**
 * The app's one instance, logged in as A, with A's engine over it; Carol writes A one message and a
 * flagged one to team T, and Bob, on his phone, writes A one message: A's copies, unread.
 */
async function aliceOnTheSharedInstance(storage?: ReceiptOutboxStorage) {
  const one = createSwitchingInstance(world.server, ['A', 'B']);
  const received: ReceiptMessage[] = [];
  one.nim.V2NIMMessageService.on('onReceiveMessages', (messages) => {
    received.push(...(messages as unknown as ReceiptMessage[]));
  });
  const { transport, calls } = countCalls(createNimTransport(one.nim));
  const errors: ReceiptError[] = [];
  const engineOf = () =>
    createReceiptEngine({
      transport,
      accountId: 'A',
      random: () => 0.5,
      onError: (error) => errors.push(error),
      ...(storage ? { storage } : {}),
    });
  const engine = engineOf();
  const carol = world.device('C');
  const bobsPhone = world.device('B');
  const fromCarol = await world.send(carol, 'C|1|A', { at: 100 });
  const toTeam = await world.send(carol, 'C|2|T', { at: 200, isFlagged: true });
  const fromBob = await world.send(bobsPhone, 'B|1|A', { at: 300 });
  await world.settle();
  return {
    one,
    transport,
    calls,
    errors,
    engine,
    engineOf,
    carol,
    bobsPhone,
    fromCarol,
    toTeam,
    fromBob,
    aliceCopies: [...received],
  };
}

describe('one SDK instance switched from A to B while A has receipts to send', () => {
  it("A's running engine sends none of them in B's session and reports nothing; kept in its storage, they reach Carol and Bob once A is back", async () => {
    const storage = mapStorage();
    const alice = await aliceOnTheSharedInstance(storage);
    await world.tick(0);
    // A reads all three; within the flush window the app logs the instance out of A and into B.
    // A's engine hears B's login as its connection coming back, before the app replaces it.
    alice.engine.markRead(alice.aliceCopies);
    alice.one.switchTo('B');
    await world.tick(10_000);
    expect(alice.calls.sendP2PMessageReceipt).toHaveLength(0);
    expect(alice.calls.sendTeamMessageReceipts).toHaveLength(0);
    expect(alice.errors).toEqual([]);
    // Nobody's read reached Carol or Bob: not B's (which Carol would see on her team message), not A's.
    expect(alice.carol.client.V2NIMMessageService.isPeerRead(alice.fromCarol as never)).toBe(false);
    expect(await teamReaders(alice.carol, alice.toTeam)).toEqual([]);
    expect(alice.bobsPhone.client.V2NIMMessageService.isPeerRead(alice.fromBob as never)).toBe(
      false,
    );

    // The app replaces A's engine; later the instance logs into A again and A's next engine
    // sends what the storage kept.
    alice.engine.dispose();
    expect(storage.kept.get('A')).toHaveLength(3);
    alice.one.switchTo('A');
    const next = alice.engineOf();
    try {
      await world.tick(1000);
      expect(alice.calls.sendP2PMessageReceipt).toHaveLength(2);
      expect(alice.calls.sendTeamMessageReceipts).toHaveLength(1);
      expect(alice.carol.client.V2NIMMessageService.isPeerRead(alice.fromCarol as never)).toBe(
        true,
      );
      expect(await teamReaders(alice.carol, alice.toTeam)).toEqual(['A']);
      expect(alice.bobsPhone.client.V2NIMMessageService.isPeerRead(alice.fromBob as never)).toBe(
        true,
      );
      expect(alice.errors).toEqual([]);
    } finally {
      next.dispose();
    }
  });

  it("A's engine disposed after the switch with nobody to take its receipts (no storage, no engine of A) drops them: not one call in B's session", async () => {
    const alice = await aliceOnTheSharedInstance();
    await world.tick(0);
    alice.engine.markRead(alice.aliceCopies);
    // The app logs the instance into B, then replaces A's engine in the same task (a provider
    // given the new account): an engine with no heir sends what waits at once, as it goes.
    alice.one.switchTo('B');
    alice.engine.dispose();
    await world.tick(10_000);
    expect(alice.calls.sendP2PMessageReceipt).toHaveLength(0);
    expect(alice.calls.sendTeamMessageReceipts).toHaveLength(0);
    expect(alice.errors).toEqual([]);
    expect(alice.carol.client.V2NIMMessageService.isPeerRead(alice.fromCarol as never)).toBe(false);
    expect(await teamReaders(alice.carol, alice.toTeam)).toEqual([]);
    expect(alice.bobsPhone.client.V2NIMMessageService.isPeerRead(alice.fromBob as never)).toBe(
      false,
    );
  });
});
