import { expect } from 'vitest';

/** What a bad-input row must produce: a rejection with NIM's code, or a documented value. */
export type BadInputExpectation = { code: number } | { resolves: unknown };

/** Runs a row: a promise, a synchronous throw or a plain value, as one settled outcome. */
async function outcomeOf(run: () => unknown): Promise<{ error?: unknown; value?: unknown }> {
  try {
    return { value: await run() };
  } catch (error) {
    return { error };
  }
}

/**
 * Runs one bad-input row and checks what the memory and transport tables both demand: NIM's code
 * (never a TypeError) or the documented value, and a state identical before and after.
 */
export async function expectBadInputHandled(options: {
  run: () => unknown;
  expected: BadInputExpectation;
  /** `V2NIMError` for the memory server, `ReceiptError` for the transport. */
  errorName: string;
  state: () => Promise<unknown>;
}): Promise<void> {
  const { run, expected, errorName, state } = options;
  const before = await state();
  const outcome = await outcomeOf(run);
  if ('code' in expected) {
    expect(outcome.error).not.toBeInstanceOf(TypeError);
    expect(outcome.error).toMatchObject({ name: errorName, code: expected.code });
  } else {
    expect(outcome.error).toBeUndefined();
    expect(outcome.value).toEqual(expected.resolves);
  }
  expect(await state()).toEqual(before);
}
