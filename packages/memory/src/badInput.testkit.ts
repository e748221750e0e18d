import { expect, it } from 'vitest';
import type { V2NIMMessage } from './sdkTypes';

/**
 * The bad-input tables (issue 6) of the memory server and of the NIM transport: the hostile values
 * both feed in, and the runner that checks each row the same way.
 */

/** A 1 MB id. */
export const HUGE = 'x'.repeat(1024 * 1024);

/** A copy of `base` whose every field the receipt calls read has a getter that throws. */
export function throwingMessage(base: V2NIMMessage): V2NIMMessage {
  const hostile = { ...base };
  for (const key of [
    'messageClientId',
    'conversationType',
    'senderId',
    'receiverId',
    'createTime',
  ]) {
    Object.defineProperty(hostile, key, {
      get() {
        throw new Error(`getter ${key} exploded`);
      },
    });
  }
  return hostile;
}

/** An array of `length` with real holes (not undefined) at `holes`. */
export function sparse<T>(length: number, items: T[], holes: number[]): T[] {
  const array = new Array<T>(length);
  items.forEach((item, index) => {
    if (!holes.includes(index)) array[index] = item;
  });
  return array;
}

/** A Proxy that throws on any access at all. */
export function explodingProxy<T extends object>(target: T): T {
  const explode = () => {
    throw new Error('proxy exploded');
  };
  return new Proxy(target, {
    get: explode,
    has: explode,
    ownKeys: explode,
    getOwnPropertyDescriptor: explode,
  });
}

/**
 * An object none of whose fields can be read and that not even `Array.isArray` accepts: a revoked
 * Proxy, like an Immer draft kept after its producer ended.
 */
export function revokedProxy(): never {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy as never;
}

/** What a bad-input row must produce: a rejection with NIM's code, or a documented value. */
export type BadInputExpectation = { code: number } | { resolves: unknown };

/** One row: its name, the call it makes in a fresh world, and what that call must produce. */
export type BadInputRow<World> = [string, (world: World) => unknown, BadInputExpectation];

/** Runs a row: a promise, a synchronous throw or a plain value, as one settled outcome. */
async function outcomeOf(run: () => unknown): Promise<{ error?: unknown; value?: unknown }> {
  try {
    return { value: await run() };
  } catch (error) {
    return { error };
  }
}

/**
 * Declares one test per row, each in a fresh `world()`, checking what the memory and transport
 * tables both demand: NIM's code (never a TypeError) or the documented value, and `world.state()`
 * identical before and after; plus a test that the table has at least 20 rows.
 */
export function itHandlesEveryBadInput<World extends { state(): Promise<unknown> }>(
  rows: Array<BadInputRow<World>>,
  options: {
    world: () => Promise<World>;
    /** `V2NIMError` for the memory server, `ReceiptError` for the transport. */
    errorName: string;
  },
): void {
  it.each(rows)('%s', async (_, run, expected) => {
    const world = await options.world();
    const before = await world.state();
    const outcome = await outcomeOf(() => run(world));
    if ('code' in expected) {
      expect(outcome.error).not.toBeInstanceOf(TypeError);
      expect(outcome.error).toMatchObject({ name: options.errorName, code: expected.code });
    } else {
      expect(outcome.error).toBeUndefined();
      expect(outcome.value).toEqual(expected.resolves);
    }
    expect(await world.state()).toEqual(before);
  });

  it('the table has at least 20 rows', () => {
    expect(rows.length).toBeGreaterThanOrEqual(20);
  });
}
