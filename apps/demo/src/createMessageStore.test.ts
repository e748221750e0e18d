import {
  createReceiptEngine,
  MessageSendingState,
  selectTeamUnavailableCode,
} from '@readmark/core';
import { createMemoryServer } from '@readmark/memory';
import { createNimTransport } from '@readmark/nim';
import { describe, expect, it } from 'vitest';
import { createMessageStore } from './createMessageStore';

const aliceToBob = 'alice|1|bob';
const bobToAlice = 'bob|1|alice';

function setup() {
  let time = 1_000;
  // Every read of the clock advances it, so a message's server time is later than its local time.
  const server = createMemoryServer({ now: () => time++ });
  const alice = server.login('alice');
  const bob = server.login('bob');
  const aliceStore = createMessageStore({ client: alice, accountId: 'alice' });
  const bobStore = createMessageStore({ client: bob, accountId: 'bob' });
  return { server, alice, bob, aliceStore, bobStore };
}

const texts = (list: readonly { text?: string }[]) => list.map((message) => message.text);

describe('createMessageStore', () => {
  it('keeps a burst in the order it was sent on both sides', async () => {
    const { server, aliceStore, bobStore } = setup();
    await Promise.all(
      ['m1', 'm2', 'm3', 'm4', 'm5'].map((text) =>
        aliceStore.send({ conversationId: aliceToBob, text, isReceiptRequested: true }),
      ),
    );
    await server.settle();
    expect(texts(aliceStore.getMessages(aliceToBob))).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
    expect(texts(bobStore.getMessages(bobToAlice))).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
    expect(
      aliceStore
        .getMessages(aliceToBob)
        .every((message) => message.sendingState === MessageSendingState.SUCCEEDED),
    ).toBe(true);
  });

  it("keeps the sender's burst in send order at every step, as each server copy replaces its sending copy", async () => {
    // The server's clock a minute ahead of the device's: every server copy is later than every
    // sending copy, as with a real server's latency.
    const server = createMemoryServer({ now: () => Date.now() + 60_000 });
    server.login('bob');
    const aliceStore = createMessageStore({ client: server.login('alice'), accountId: 'alice' });
    const seen: string[] = [];
    aliceStore.subscribe(() => {
      seen.push(texts(aliceStore.getMessages(aliceToBob)).join(','));
    });
    const burst = ['m1', 'm2', 'm3', 'm4', 'm5'];
    await Promise.all(
      burst.map((text) =>
        aliceStore.send({ conversationId: aliceToBob, text, isReceiptRequested: true }),
      ),
    );
    await server.settle();
    // Every list shown is a prefix of the burst in order: the server's later times move nothing.
    expect(seen.length).toBeGreaterThan(burst.length);
    for (const shown of seen) expect(burst.join(',').startsWith(shown)).toBe(true);
  });

  it('shows a message as sending at once and notifies exactly on each change', async () => {
    const { server, aliceStore } = setup();
    let notifications = 0;
    aliceStore.subscribe(() => {
      notifications += 1;
    });
    const sent = aliceStore.send({
      conversationId: aliceToBob,
      text: 'hi',
      isReceiptRequested: true,
    });
    expect(aliceStore.getMessages(aliceToBob).map((message) => message.sendingState)).toEqual([
      MessageSendingState.SENDING,
    ]);
    await sent;
    await server.settle();
    expect(aliceStore.getMessages(aliceToBob).map((message) => message.sendingState)).toEqual([
      MessageSendingState.SUCCEEDED,
    ]);
    expect(notifications).toBe(2);
  });

  it('marks a send from an offline device as failed', async () => {
    const { alice, aliceStore } = setup();
    alice.logout();
    await aliceStore.send({ conversationId: aliceToBob, text: 'lost', isReceiptRequested: true });
    expect(aliceStore.getMessages(aliceToBob).map((message) => message.sendingState)).toEqual([
      MessageSendingState.FAILED,
    ]);
  });

  it('retry sends a failed message again as a new one, with its receipt choice, and drops the failed copy', async () => {
    const { server, alice, aliceStore, bobStore } = setup();
    alice.logout();
    await aliceStore.send({ conversationId: aliceToBob, text: 'lost', isReceiptRequested: false });
    const [failed] = aliceStore.getMessages(aliceToBob);
    expect(failed?.sendingState).toBe(MessageSendingState.FAILED);

    alice.login();
    await aliceStore.retry(failed!);
    await server.settle();
    const shown = aliceStore.getMessages(aliceToBob);
    expect(shown.map(({ text, sendingState }) => ({ text, sendingState }))).toEqual([
      { text: 'lost', sendingState: MessageSendingState.SUCCEEDED },
    ]);
    expect(shown[0]?.messageClientId).not.toBe(failed?.messageClientId);
    expect(shown[0]?.messageConfig?.readReceiptEnabled).toBe(false);
    expect(aliceStore.isSentHere(shown[0]!)).toBe(true);
    expect(texts(bobStore.getMessages(bobToAlice))).toEqual(['lost']);

    // A second retry of the same (gone) copy, or a retry of a sent message, sends nothing.
    await aliceStore.retry(failed!);
    await aliceStore.retry(shown[0]!);
    await server.settle();
    expect(texts(aliceStore.getMessages(aliceToBob))).toEqual(['lost']);
  });

  it('retry of a send cut off on its way that the server got anyway shows it sent, and sends it once', async () => {
    const { server, alice, aliceStore, bobStore } = setup();
    // The connection drops with the send in flight: the call fails (192003), but NIM, and the memory
    // server, still apply it, so Bob has the message while Alice's copy says it failed.
    const sending = aliceStore.send({
      conversationId: aliceToBob,
      text: 'cut off',
      isReceiptRequested: true,
    });
    alice.logout();
    await sending;
    await server.settle();
    const [failed] = aliceStore.getMessages(aliceToBob);
    expect(failed?.sendingState).toBe(MessageSendingState.FAILED);
    expect(texts(bobStore.getMessages(bobToAlice))).toEqual(['cut off']);

    alice.login();
    await aliceStore.retry(failed!);
    await server.settle();
    // The history decided: the same message, sent, and no second copy for Bob.
    const shown = aliceStore.getMessages(aliceToBob);
    expect(shown.map(({ text, sendingState }) => ({ text, sendingState }))).toEqual([
      { text: 'cut off', sendingState: MessageSendingState.SUCCEEDED },
    ]);
    expect(shown[0]?.messageClientId).toBe(failed?.messageClientId);
    expect(texts(bobStore.getMessages(bobToAlice))).toEqual(['cut off']);
  });

  it('fills in what an offline device missed from history when it syncs', async () => {
    const { server, bob, aliceStore, bobStore } = setup();
    bob.logout();
    await aliceStore.send({
      conversationId: aliceToBob,
      text: 'while away',
      isReceiptRequested: true,
    });
    await server.settle();
    expect(bobStore.getMessages(bobToAlice)).toHaveLength(0);
    bob.login();
    await bobStore.sync(bobToAlice);
    expect(texts(bobStore.getMessages(bobToAlice))).toEqual(['while away']);
    // Syncing again adds nothing: messages are keyed by messageClientId.
    await bobStore.sync(bobToAlice);
    expect(texts(bobStore.getMessages(bobToAlice))).toEqual(['while away']);
  });

  it('returns the same array while nothing changes and stops listening on dispose', async () => {
    const { server, aliceStore, bobStore } = setup();
    expect(bobStore.getMessages(bobToAlice)).toBe(bobStore.getMessages(bobToAlice));
    bobStore.dispose();
    await aliceStore.send({
      conversationId: aliceToBob,
      text: 'unheard',
      isReceiptRequested: true,
    });
    await server.settle();
    expect(bobStore.getMessages(bobToAlice)).toHaveLength(0);
  });

  it('a reload of unchanged history keeps every message object and notifies nobody', async () => {
    const { server, alice, aliceStore, bobStore } = setup();
    for (const text of ['m1', 'm2', 'm3']) {
      await aliceStore.send({ conversationId: aliceToBob, text, isReceiptRequested: false });
    }
    await server.settle();
    await bobStore.sync(bobToAlice);
    const before = bobStore.getMessages(bobToAlice);
    expect(texts(before)).toEqual(['m1', 'm2', 'm3']);
    let notifications = 0;
    bobStore.subscribe(() => {
      notifications += 1;
    });
    await bobStore.sync(bobToAlice);
    expect(notifications).toBe(0);
    expect(bobStore.getMessages(bobToAlice)).toBe(before);
    // A new message changes the list once; the messages that did not change keep their objects.
    await alice.V2NIMMessageService.sendMessage(
      alice.V2NIMMessageCreator.createTextMessage('m4'),
      aliceToBob,
    );
    await server.settle();
    await bobStore.sync(bobToAlice);
    const after = bobStore.getMessages(bobToAlice);
    expect(notifications).toBe(1);
    expect(texts(after)).toEqual(['m1', 'm2', 'm3', 'm4']);
    expect(after.slice(0, 3).every((message, index) => message === before[index])).toBe(true);
  });

  it('a history batch arriving newest first is one sorted list and one notification', async () => {
    const { server, aliceStore } = setup();
    for (const text of ['m1', 'm2', 'm3', 'm4', 'm5']) {
      await aliceStore.send({ conversationId: aliceToBob, text, isReceiptRequested: false });
    }
    await server.settle();
    // A second device of bob logs in later and loads the history (the SDK answers newest first).
    const store = createMessageStore({ client: server.login('bob'), accountId: 'bob' });
    let notifications = 0;
    store.subscribe(() => {
      notifications += 1;
    });
    await store.sync(bobToAlice);
    expect(notifications).toBe(1);
    expect(texts(store.getMessages(bobToAlice))).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
    store.dispose();
  });

  it('a recall leaves the list on every online device of both sides, and a reload keeps it out', async () => {
    const { server, aliceStore, bobStore } = setup();
    const aliceOther = createMessageStore({ client: server.login('alice'), accountId: 'alice' });
    for (const text of ['keep', 'oops']) {
      await aliceStore.send({ conversationId: aliceToBob, text, isReceiptRequested: true });
    }
    await server.settle();
    const oops = aliceStore.getMessages(aliceToBob).find((message) => message.text === 'oops');
    if (!oops) throw new Error('oops was not sent');
    let notifications = 0;
    bobStore.subscribe(() => {
      notifications += 1;
    });

    await aliceStore.revoke(oops);
    await server.settle();
    expect(texts(aliceStore.getMessages(aliceToBob))).toEqual(['keep']);
    expect(texts(aliceOther.getMessages(aliceToBob))).toEqual(['keep']);
    expect(texts(bobStore.getMessages(bobToAlice))).toEqual(['keep']);
    expect(notifications).toBe(1);
    // A second recall is a no-op on the server, so nobody hears of it again.
    await aliceStore.revoke(oops);
    await server.settle();
    expect(notifications).toBe(1);
    // History no longer has it either.
    await bobStore.sync(bobToAlice);
    expect(texts(bobStore.getMessages(bobToAlice))).toEqual(['keep']);
    aliceOther.dispose();
  });

  it('a device logged out during a recall drops the message when it syncs at login', async () => {
    const { server, bob, aliceStore, bobStore } = setup();
    for (const text of ['keep', 'oops']) {
      await aliceStore.send({ conversationId: aliceToBob, text, isReceiptRequested: true });
    }
    await server.settle();
    const oops = aliceStore.getMessages(aliceToBob).find((message) => message.text === 'oops');
    if (!oops) throw new Error('oops was not sent');
    bob.logout();
    await aliceStore.revoke(oops);
    await server.settle();
    // Logged out, Bob heard nothing; the login sync's history is how he learns of the recall.
    expect(texts(bobStore.getMessages(bobToAlice))).toEqual(['keep', 'oops']);
    bob.login();
    await bobStore.sync(bobToAlice);
    expect(texts(bobStore.getMessages(bobToAlice))).toEqual(['keep']);
  });

  it('a device logged out during a recall drops the message at login even when over a page of newer history follows it', async () => {
    const { server, bob, aliceStore, bobStore } = setup();
    await aliceStore.send({ conversationId: aliceToBob, text: 'oops', isReceiptRequested: true });
    // More newer messages than one history page (100), so the recalled one is not in the newest page.
    for (let i = 1; i <= 120; i++) {
      await aliceStore.send({
        conversationId: aliceToBob,
        text: `later ${i}`,
        isReceiptRequested: true,
      });
    }
    await server.settle();
    const oops = aliceStore.getMessages(aliceToBob).find((message) => message.text === 'oops');
    if (!oops) throw new Error('oops was not sent');
    expect(bobStore.getMessages(bobToAlice)).toHaveLength(121);
    bob.logout();
    await aliceStore.revoke(oops);
    await server.settle();
    bob.login();
    await bobStore.sync(bobToAlice);
    const after = texts(bobStore.getMessages(bobToAlice));
    expect(after).not.toContain('oops');
    expect(after).toHaveLength(120);
    expect(after[0]).toBe('later 1');
  });

  it('stops hearing recalls on dispose', async () => {
    const { server, alice, bob, aliceStore, bobStore } = setup();
    await aliceStore.send({ conversationId: aliceToBob, text: 'oops', isReceiptRequested: true });
    await server.settle();
    bobStore.dispose();
    expect(bob.V2NIMMessageService.listenerCount('onMessageRevokeNotifications')).toBe(0);
    const [oops] = aliceStore.getMessages(aliceToBob);
    if (!oops) throw new Error('oops was not sent');
    await alice.V2NIMMessageService.revokeMessage(oops as never);
    await server.settle();
    expect(texts(aliceStore.getMessages(aliceToBob))).toEqual([]);
    expect(texts(bobStore.getMessages(bobToAlice))).toEqual(['oops']);
  });
  it('hands a failed send to onSendFailed, so the engine marks a team over 200 members unavailable (107302)', async () => {
    const server = createMemoryServer();
    const memberIds = ['alice', ...Array.from({ length: 201 }, (_, index) => `m${index}`)];
    server.createTeam({ teamId: 'big', memberIds });
    const alice = server.login('alice');
    const engine = createReceiptEngine({
      transport: createNimTransport(alice),
      accountId: 'alice',
    });
    const failures: unknown[] = [];
    const store = createMessageStore({
      client: alice,
      accountId: 'alice',
      onSendFailed: (conversationId, error) => {
        failures.push(error);
        engine.reportSendFailure(conversationId, error);
      },
    });
    await store.send({ conversationId: 'alice|2|big', text: 'hi all', isReceiptRequested: true });
    expect(store.getMessages('alice|2|big').map((message) => message.sendingState)).toEqual([
      MessageSendingState.FAILED,
    ]);
    expect(failures).toMatchObject([{ code: 107302 }]);
    expect(selectTeamUnavailableCode(engine.store.getState(), 'alice|2|big')).toBe(107302);
    engine.dispose();
  });
});
