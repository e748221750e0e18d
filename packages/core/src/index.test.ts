import { describe, expect, it } from 'vitest';
import * as core from './index';

describe('the public index', () => {
  // Engine internals that were exported by accident: documented nowhere, used by no other package,
  // and not hardened against bad input (backoffDelay(null) and isRetryableCode(Symbol()) threw a
  // TypeError). The engine keeps using them from their modules.
  it.each(['backoffDelay', 'isRetryableCode'])('does not export %s', (name) => {
    expect(Object.keys(core)).not.toContain(name);
  });
});
