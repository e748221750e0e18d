import { describe, expect, it } from 'vitest';
import { ReceiptError } from './ReceiptError';

describe('ReceiptError.from', () => {
  it("keeps a V2NIMError's desc and detail.reason (SPEC T6)", () => {
    const error = ReceiptError.from({
      code: 191004,
      desc: 'invalid parameter',
      detail: { reason: 'x' },
    });
    expect(error).toMatchObject({ code: 191004, message: 'invalid parameter: x' });
  });

  it('never throws for a detail it cannot read (a hostile getter or Proxy)', () => {
    const hostile = {
      code: 191001,
      desc: 'misuse',
      get detail(): never {
        throw new TypeError('no');
      },
    };
    const error = ReceiptError.from(hostile);
    expect(error).toMatchObject({ code: 191001, message: 'misuse' });
    const proxied = new Proxy(
      {},
      {
        get() {
          throw new TypeError('no');
        },
      },
    );
    expect(ReceiptError.from({ code: 191001, desc: 'misuse', detail: proxied }).message).toBe(
      'misuse',
    );
  });

  it('gives anything without a NIM code 192006 "request failed", which the outbox retries', () => {
    const fetchError = new TypeError('Failed to fetch');
    expect(ReceiptError.from(fetchError)).toMatchObject({
      code: 192006,
      message: 'Failed to fetch',
      cause: fetchError,
    });
    // A DOMException's legacy `code` (20 for AbortError) and string codes are not NIM's.
    expect(ReceiptError.from(new DOMException('aborted', 'AbortError')).code).toBe(192006);
    expect(ReceiptError.from({ code: 'ECONNRESET' }).code).toBe(192006);
    expect(ReceiptError.from({ status: 503 }).code).toBe(192006);
    expect(ReceiptError.from(undefined)).toMatchObject({ code: 192006, message: 'undefined' });
    expect(ReceiptError.from({ code: 416 }).code).toBe(416);
  });

  it('never throws for an error whose code or desc cannot be read: the fallback code, a plain message', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new TypeError('no');
        },
      },
    );
    const converted = ReceiptError.from(hostile);
    expect([converted.name, converted.code, converted.message]).toEqual([
      'ReceiptError',
      192006,
      'receipt call failed',
    ]);
    expect(converted.cause === hostile).toBe(true);
    const codeThenThrow = {
      code: 107302,
      get desc(): never {
        throw new TypeError('no');
      },
    };
    expect(ReceiptError.from(codeThenThrow)).toMatchObject({ code: 107302 });
    expect(ReceiptError.from('offline', 192001)).toMatchObject({
      code: 192001,
      message: 'offline',
    });
  });
});
