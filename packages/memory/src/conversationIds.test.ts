import { describe, expect, it, vi } from 'vitest';
import { createScenario } from './scenario.testkit';

/** The memory client's `V2NIMConversationIdUtil`, as the SDK builds and parses ids (SPEC section 2). */
describe('V2NIMConversationIdUtil of a memory client (C1, C2, C4, C5)', () => {
  const ids = () => createScenario().server.login('test1').V2NIMConversationIdUtil;

  it('builds ids that start with the logged-in account (C1, C2)', () => {
    const util = ids();
    expect(util.p2pConversationId('test2')).toBe('test1|1|test2');
    expect(util.teamConversationId('T1')).toBe('test1|2|T1');
    expect(util.superTeamConversationId('S1')).toBe('test1|3|S1');
  });

  it('parses its own ids, keeping pipes inside the target (C4, C5)', () => {
    const util = ids();
    expect(util.parseConversationType('test1|2|T1')).toBe(2);
    expect(util.parseConversationTargetId('test1|1|a|b')).toBe('a|b');
  });

  it('gives 0 and "" for a foreign id, NaN for a non-digit type, and never throws (C4, C5)', () => {
    const util = ids();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(util.parseConversationType('test2|1|test1')).toBe(0);
    // C4: a foreign id is answered with 0 and a warning, as the SDK does; its own ids with none.
    expect(warn).toHaveBeenCalledTimes(1);
    expect(util.parseConversationType('test1|1|test2')).toBe(1);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(util.parseConversationTargetId('test2|1|test1')).toBe('');
    expect(util.parseConversationType('test1|x|T1')).toBeNaN();
    expect(util.parseConversationType(null as never)).toBe(0);
    expect(util.parseConversationTargetId(42 as never)).toBe('');
    expect(util.parseConversationType(Symbol('id') as never)).toBe(0);
    const unprintable = {
      toString() {
        throw new Error('no');
      },
    };
    expect(util.parseConversationType(unprintable as never)).toBe(0);
    warn.mockRestore();
  });

  it('refuses a target that cannot become a string with 191004, never a TypeError (C2)', () => {
    const util = ids();
    const unprintable = {
      toString() {
        throw new Error('no');
      },
    };
    for (const build of [
      util.p2pConversationId,
      util.teamConversationId,
      util.superTeamConversationId,
    ]) {
      expect(() => build(Symbol('id') as never)).toThrow(
        expect.objectContaining({ name: 'V2NIMError', code: 191004 }),
      );
      expect(() => build(unprintable as never)).toThrow(
        expect.objectContaining({ name: 'V2NIMError', code: 191004 }),
      );
    }
  });
});
