/**
 * One transport per SDK instance and options: apps call `createNimTransport(nim)` while rendering,
 * and a `ReceiptProvider` given a new transport makes a new engine (every query asked again).
 */
import { createMemoryServer } from '@readmark/memory';
import { describe, expect, it } from 'vitest';
import { createNimTransport } from './createNimTransport';

describe('createNimTransport identity', () => {
  it('gives the same transport for the same instance and options, another for other switches or another instance', () => {
    const server = createMemoryServer();
    const nim = server.login('A');
    const transport = createNimTransport(nim);
    expect(createNimTransport(nim)).toBe(transport);
    expect(createNimTransport(nim, { isMemberFilterApplied: true, isReadTimeSynced: true })).toBe(
      transport,
    );
    const unsynced = createNimTransport(nim, { isReadTimeSynced: false });
    expect(unsynced).not.toBe(transport);
    expect(unsynced.getSelfReadTime).toBeUndefined();
    expect(createNimTransport(nim, { isReadTimeSynced: false })).toBe(unsynced);
    const unfiltered = createNimTransport(nim, { isMemberFilterApplied: false });
    expect(new Set([transport, unsynced, unfiltered]).size).toBe(3);
    expect(createNimTransport(server.login('A'))).not.toBe(transport);
  });

  it('still rejects bad options for an instance it already has a transport for', () => {
    const nim = createMemoryServer().login('A');
    createNimTransport(nim);
    const badOptions = { isReadTimeSynced: 'false' } as never;
    expect(() => createNimTransport(nim, badOptions)).toThrow(
      expect.objectContaining({ name: 'ReceiptError', code: 191004 }),
    );
  });
});
