import type { ReceiptErrorCodeValue } from './errorCodes';
import { isObject } from './isObject';

/**
 * The one error type the kit throws or rejects with. `code` is NIM's numeric code (SPEC section 3),
 * so callers can branch on the same numbers the real SDK uses.
 */
export class ReceiptError extends Error {
  override readonly name = 'ReceiptError';
  // Declared only: the constructor sets both, so no field initializer needs to run first.
  declare readonly code: ReceiptErrorCodeValue;
  declare readonly cause?: unknown;

  constructor(code: ReceiptErrorCodeValue, message: string, cause?: unknown) {
    super(message);
    this.code = code;
    this.cause = cause;
  }

  /**
   * Turns anything a transport rejected with into a ReceiptError, keeping NIM's `code` when the
   * value carries one (a `V2NIMError` or the memory server's errors) and the original as `cause`;
   * the message is the error's `desc` and, for a `V2NIMError`, its `detail.reason`. A value without
   * a NIM code (a `fetch` TypeError, an HTTP client's error, a `DOMException`, whose legacy codes
   * 1-25 are not NIM's) gets `fallbackCode`: by default 192006, NIM's "request failed", which is
   * retried, because nothing says the call cannot succeed.
   */
  static from(error: unknown, fallbackCode: ReceiptErrorCodeValue = 192006): ReceiptError {
    if (error instanceof ReceiptError) return error;
    let code: number | undefined;
    let message = 'receipt call failed';
    try {
      if (!isObject(error)) {
        message = String(error);
      } else {
        const record = error as {
          code?: unknown;
          desc?: unknown;
          detail?: { reason?: unknown };
          message?: unknown;
        };
        if (isNimCode(record.code)) code = record.code;
        if (typeof record.desc === 'string') message = record.desc;
        else if (typeof record.message === 'string') message = record.message;
        // A V2NIMError's desc is the code's general text; its detail.reason says what was wrong.
        const reason = record.detail?.reason;
        if (typeof reason === 'string' && reason !== '' && reason !== message) {
          message = `${message}: ${reason}`;
        }
      }
    } catch {
      // Fields that cannot be read (a hostile getter or Proxy): what was read so far. Never throw.
    }
    const converted = new ReceiptError(code ?? fallbackCode, message, error);
    if (code === undefined) unexplainedFailures.add(converted);
    return converted;
  }
}

/** Errors `ReceiptError.from` gave its fallback code: what failed said nothing NIM understands. */
const unexplainedFailures = new WeakSet<ReceiptError>();

/**
 * True when `error` is a rejection without a NIM code, converted by `ReceiptError.from` (a `fetch`
 * TypeError, an HTTP client's error, a transport's own bug), as opposed to one a transport mapped to
 * a code itself. Internal to the engine.
 */
export function isUnexplainedFailure(error: ReceiptError): boolean {
  return unexplainedFailures.has(error);
}

/** True for a ReceiptError or any object carrying a numeric NIM `code`. */
export function hasErrorCode(error: unknown): error is { code: number } {
  try {
    return isObject(error) && isNimCode((error as { code?: unknown }).code);
  } catch {
    // A `code` that cannot be read (a throwing getter, a revoked Proxy) is no code.
    return false;
  }
}

/** NIM's codes are 3 to 6 digits (414, 107404, 192001); smaller numbers are other APIs' codes. */
function isNimCode(code: unknown): code is number {
  return Number.isInteger(code) && (code as number) >= 100;
}
