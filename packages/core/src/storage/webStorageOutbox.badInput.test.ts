import { describe, expect, it } from 'vitest';
import { ReceiptError } from '../ReceiptError';
import { createKeyValueStorage } from '../testing/mapStorage';
import { type KeyValueStorage, localStorageOutbox, webStorageOutbox } from './webStorageOutbox';

/** The error `run` throws, or undefined. */
function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

const expect191004 = (run: () => unknown) => {
  const error = thrownBy(run);
  expect(error).toBeInstanceOf(ReceiptError);
  expect((error as ReceiptError).code).toBe(191004);
};

describe('storage factories refuse bad input with 191004, never a TypeError (SPEC E3)', () => {
  it('a storage whose fields cannot be read (a revoked Proxy, a throwing getter)', () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect191004(() => webStorageOutbox(proxy as KeyValueStorage));
    const throwing = {
      get getItem(): never {
        throw new Error('blocked');
      },
    };
    expect191004(() => webStorageOutbox(throwing as unknown as KeyValueStorage));
  });

  it('a key that is not a string: refused at creation, not swallowed at every load and save', () => {
    const storage = createKeyValueStorage();
    expect191004(() => webStorageOutbox(storage, Symbol('key') as never));
    expect191004(() => webStorageOutbox(storage, null as never));
    expect191004(() => localStorageOutbox(Symbol('key') as never));
    // The documented forms still work.
    expect(() => webStorageOutbox(storage)).not.toThrow();
    expect(() => webStorageOutbox(storage, 'app:outbox')).not.toThrow();
    expect(() => localStorageOutbox()).not.toThrow();
  });
});
