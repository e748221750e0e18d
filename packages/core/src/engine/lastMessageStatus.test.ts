import { describe, expect, it } from 'vitest';
import { lastMessageOf, receiptWorldPerTest, type WorldDevice } from '../testing/receiptWorld';
import { LastMessageState, selectLastMessageStatus } from './lastMessageStatus';

const world = receiptWorldPerTest();

const statusOn = (device: WorldDevice, lastMessage: unknown) =>
  selectLastMessageStatus(device.engine.store.getState(), lastMessage);

/** A sends B m1 at 100 and m2 at 200 (delivered, unread); A's engine knows the receipt time. */
async function aliceAndBob() {
  const chat = await world.aliceSendsBobTwo();
  await chat.alice.engine.loadConversation('A|1|B');
  return chat;
}

describe('SPEC section 7, scenario 35: the conversation list', () => {
  it('35: the last own message at 200 with a receipt time of 200 shows read, and sent before', async () => {
    const { alice, bob, m2 } = await aliceAndBob();
    const lastMessage = await lastMessageOf(alice, 'A|1|B');
    expect(lastMessage?.messageRefer.createTime).toBe(200);
    expect(statusOn(alice, lastMessage)).toBe('sent');

    await bob.client.V2NIMMessageService.sendP2PMessageReceipt(world.copyOf(bob, m2) as never);
    await world.settle();
    expect(statusOn(alice, lastMessage)).toBe('read');
  });

  it('35: a receipt for an earlier message (100) leaves the row at sent', async () => {
    const { alice, bob, m1 } = await aliceAndBob();
    await bob.client.V2NIMMessageService.sendP2PMessageReceipt(world.copyOf(bob, m1) as never);
    await world.settle();
    expect(statusOn(alice, await lastMessageOf(alice, 'A|1|B'))).toBe('sent');
  });

  it('35: a revoked last message hides the indicator, even once read', async () => {
    const { alice, bob, m2 } = await aliceAndBob();
    await bob.client.V2NIMMessageService.sendP2PMessageReceipt(world.copyOf(bob, m2) as never);
    await world.settle();
    await alice.client.V2NIMMessageService.revokeMessage(m2 as never);
    await world.settle();
    const revoked = await lastMessageOf(alice, 'A|1|B');
    expect(revoked?.lastMessageState).toBe(LastMessageState.REVOKED);
    expect(statusOn(alice, revoked)).toBeUndefined();
  });
});

describe('SPEC U7: which rows show an indicator', () => {
  it('shows none when the last message is the peer’s', async () => {
    const { alice, bob } = await aliceAndBob();
    await world.send(bob, 'B|1|A', { at: 300 });
    await world.settle();
    const lastMessage = await lastMessageOf(alice, 'A|1|B');
    expect(lastMessage?.messageRefer.senderId).toBe('B');
    expect(statusOn(alice, lastMessage)).toBeUndefined();
  });

  it('shows none for a team conversation, whose rows have no indicator in NetEase’s UIKit', async () => {
    world.server.createTeam({ teamId: 'T', memberIds: ['A', 'B'] });
    const { alice } = await aliceAndBob();
    await world.send(alice, 'A|2|T', { at: 300, isFlagged: true });
    await world.settle();
    expect(statusOn(alice, await lastMessageOf(alice, 'A|2|T'))).toBeUndefined();
  });

  it('follows the send: only SUCCEEDED shows, and a copy synced without sendingState counts once it has a server id', async () => {
    const { alice, bob, m2 } = await aliceAndBob();
    await bob.client.V2NIMMessageService.sendP2PMessageReceipt(world.copyOf(bob, m2) as never);
    await world.settle();
    const lastMessage = await lastMessageOf(alice, 'A|1|B');
    if (!lastMessage) throw new Error('A has no last message');
    const withSendingState = (sendingState: number | undefined) =>
      statusOn(alice, { ...lastMessage, sendingState });
    expect([1, 2, 3, 0].map(withSendingState)).toEqual(['read', undefined, undefined, undefined]);
    expect(withSendingState(undefined)).toBe('read');
    const unsent = { ...lastMessage.messageRefer, messageServerId: '' };
    expect(
      statusOn(alice, { ...lastMessage, sendingState: undefined, messageRefer: unsent }),
    ).toBeUndefined();
  });

  it('hides notifications (5) and calls (12) but not tips (10), by U7’s own list', async () => {
    const { alice } = await aliceAndBob();
    const lastMessage = await lastMessageOf(alice, 'A|1|B');
    const ofType = (messageType: number) => statusOn(alice, { ...lastMessage, messageType });
    expect([0, 5, 10, 12].map(ofType)).toEqual(['sent', undefined, 'sent', undefined]);
  });

  it('shows a backfilled last message (the newest one was deleted) like any other', async () => {
    const { alice } = await aliceAndBob();
    const lastMessage = await lastMessageOf(alice, 'A|1|B');
    expect(statusOn(alice, { ...lastMessage, lastMessageState: LastMessageState.BACKFILLED })).toBe(
      'sent',
    );
  });

  it('self-chat reads as read, like its message ticks (SPEC P6)', async () => {
    const alice = world.device('A');
    await world.send(alice, 'A|1|A', { at: 100 });
    await world.settle();
    expect(statusOn(alice, await lastMessageOf(alice, 'A|1|A'))).toBe('read');
  });

  it('never throws on malformed input: it shows nothing', async () => {
    const { alice } = await aliceAndBob();
    const hostile = Object.defineProperty({}, 'messageRefer', {
      get() {
        throw new Error('boom');
      },
    });
    for (const input of [
      undefined,
      null,
      42,
      'A|1|B',
      {},
      { lastMessageState: 0 },
      { lastMessageState: 0, messageRefer: null },
      { lastMessageState: 0, messageRefer: { senderId: 'A' } },
      hostile,
    ]) {
      expect(statusOn(alice, input)).toBeUndefined();
    }
  });
});
