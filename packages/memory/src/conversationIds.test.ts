import { describe, expect, it } from 'vitest';
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
    expect(util.parseConversationType('test2|1|test1')).toBe(0);
    expect(util.parseConversationTargetId('test2|1|test1')).toBe('');
    expect(util.parseConversationType('test1|x|T1')).toBeNaN();
    expect(util.parseConversationType(null as never)).toBe(0);
    expect(util.parseConversationTargetId(42 as never)).toBe('');
  });
});
