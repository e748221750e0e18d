import { MessageSendingState, selectTeamUnavailableCode } from '@readmark/core';
import { createMemoryServer } from '@readmark/memory';
import { describe, expect, it } from 'vitest';
import { createCallCounter } from './callCounter';
import { createDemoDevice } from './createDemoDevice';

describe('createDemoDevice', () => {
  it("hands a failed send to the device's own engine: a team over 200 members shows unavailable (107302)", async () => {
    const server = createMemoryServer();
    const memberIds = ['alice', ...Array.from({ length: 201 }, (_, index) => `m${index}`)];
    server.createTeam({ teamId: 'big', memberIds });
    const device = createDemoDevice({
      server,
      accountId: 'alice',
      deviceId: 'alice',
      counter: createCallCounter(),
      conversationIds: ['alice|2|big'],
    });
    expect(selectTeamUnavailableCode(device.engine.store.getState(), 'alice|2|big')).toBe(
      undefined,
    );
    await device.messages.send({
      conversationId: 'alice|2|big',
      text: 'hi all',
      isReceiptRequested: true,
    });
    expect(device.messages.getMessages('alice|2|big').map((m) => m.sendingState)).toEqual([
      MessageSendingState.FAILED,
    ]);
    expect(selectTeamUnavailableCode(device.engine.store.getState(), 'alice|2|big')).toBe(107302);
    device.messages.dispose();
    device.engine.dispose();
  });
});
