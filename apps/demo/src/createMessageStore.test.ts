import { MessageSendingState } from '@readmark/core';
import { createMemoryServer } from '@readmark/memory';
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
});
