import { configure } from '@testing-library/dom';

// Conditions (`findBy*`, `waitFor`) are waited for up to 5 s instead of Testing Library's 1 s: CI
// runs every browser project at once on 2 CPUs, where a server round trip plus a 300 ms flush can
// take longer than 1 s. A cap on waiting for what must happen, not a speed assertion (speed lives in
// `npm run bench`); a passing test waits no longer than before.
configure({ asyncUtilTimeout: 5_000 });
