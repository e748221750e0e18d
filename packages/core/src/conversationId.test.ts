import { describe, expect, it } from 'vitest';
import {
  isValidConversationId,
  messageConversationId,
  p2pConversationId,
  parseConversationTargetId,
  parseConversationType,
  superTeamConversationId,
  teamConversationId,
} from './conversationId';
import { ReceiptError } from './ReceiptError';

describe('conversation ids (SPEC section 2)', () => {
  it('builds ids that start with the logged-in account (C1)', () => {
    expect(p2pConversationId('test1', 'test2')).toBe('test1|1|test2');
    expect(teamConversationId('A', 'T1')).toBe('A|2|T1');
    expect(superTeamConversationId('A', 'S1')).toBe('A|3|S1');
  });

  it('gives each side of a chat its own id (C3)', () => {
    const message = { senderId: 'A', receiverId: 'B', conversationType: 1 };
    expect(messageConversationId('A', message)).toBe('A|1|B');
    expect(messageConversationId('B', message)).toBe('B|1|A');
    expect(
      messageConversationId('B', { senderId: 'A', receiverId: 'T1', conversationType: 2 }),
    ).toBe('B|2|T1');
    // A super team, as a team: the same target on both sides.
    const superTeam = { senderId: 'A', receiverId: 'S1', conversationType: 3 };
    expect(messageConversationId('A', superTeam)).toBe('A|3|S1');
    expect(messageConversationId('B', superTeam)).toBe('B|3|S1');
  });

  it('finds a message changed in place anew (the id found last is kept per message object)', () => {
    const message = { senderId: 'A', receiverId: 'B', conversationType: 1 };
    expect(messageConversationId('A', message)).toBe('A|1|B');
    // Asked again, the same id (the one found before, kept for the message object).
    expect(messageConversationId('A', message)).toBe('A|1|B');
    message.receiverId = 'C';
    expect(messageConversationId('A', message)).toBe('A|1|C');
    message.senderId = 'D';
    expect(messageConversationId('A', message)).toBe('A|1|D');
    message.conversationType = 2;
    expect(messageConversationId('A', message)).toBe('A|2|C');
    expect(messageConversationId('D', message)).toBe('D|2|C');
    // Read through getters each time, as before.
    let reads = 0;
    const withGetter = {
      senderId: 'A',
      conversationType: 2,
      get receiverId() {
        reads++;
        return reads > 2 ? 'T2' : 'T1';
      },
    };
    expect(messageConversationId('A', withGetter)).toBe('A|2|T1');
    expect(messageConversationId('A', withGetter)).toBe('A|2|T2');
  });

  it('rejects a missing or malformed message with ReceiptError 191004, never a TypeError', () => {
    const bad: unknown[] = [
      null,
      undefined,
      'A|1|B',
      42,
      {},
      { senderId: 'A', receiverId: 'B' },
      { senderId: 'A', receiverId: null, conversationType: 1 },
      { senderId: 7, receiverId: 'B', conversationType: 1 },
      { senderId: 'A', receiverId: 'B', conversationType: '1' },
      Object.defineProperty({}, 'senderId', {
        get() {
          throw new TypeError('hostile getter');
        },
      }),
    ];
    for (const message of bad) {
      let thrown: unknown;
      try {
        messageConversationId('A', message as never);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, String(message)).toBeInstanceOf(ReceiptError);
      expect((thrown as ReceiptError).code).toBe(191004);
    }
  });

  it('parses like the SDK: foreign ids give 0 and "", pipes inside targets survive (C4, C5)', () => {
    expect(parseConversationType('A', 'A|2|T1')).toBe(2);
    expect(parseConversationType('A', 'X|1|B')).toBe(0);
    expect(parseConversationType('A', 'A|x|B')).toBeNaN();
    expect(parseConversationTargetId('A', 'A|1|B|C')).toBe('B|C');
    expect(parseConversationTargetId('A', 'X|1|B')).toBe('');
  });

  it('never throws, whatever the self id is (a Symbol would break a template literal)', () => {
    for (const self of [Symbol('A'), undefined, null, 7, {}]) {
      expect(parseConversationType(self as never, 'A|1|B')).toBe(0);
      expect(parseConversationTargetId(self as never, 'A|1|B')).toBe('');
      expect(isValidConversationId(self as never, 'A|1|B')).toBe(false);
    }
  });

  it('checks strictly (C6)', () => {
    expect(isValidConversationId('A', 'A|1|B')).toBe(true);
    expect(isValidConversationId('A', 'A|4|B')).toBe(false);
    expect(isValidConversationId('A', 'X|1|B')).toBe(false);
    expect(isValidConversationId('A', '')).toBe(false);
    expect(isValidConversationId('A', null)).toBe(false);
  });
});
