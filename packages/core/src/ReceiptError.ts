import type { ReceiptErrorCodeValue } from './errorCodes';

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
   * the message is the error's `desc` and, for a `V2NIMError`, its `detail.reason`.
   */
  static from(error: unknown, fallbackCode: ReceiptErrorCodeValue = 191004): ReceiptError {
    if (error instanceof ReceiptError) return error;
    if (typeof error === 'object' && error !== null) {
      const record = error as {
        code?: unknown;
        desc?: unknown;
        detail?: { reason?: unknown };
        message?: unknown;
      };
      const code = typeof record.code === 'number' ? record.code : fallbackCode;
      const text =
        typeof record.desc === 'string'
          ? record.desc
          : typeof record.message === 'string'
            ? record.message
            : 'receipt call failed';
      // A V2NIMError's desc is the code's general text; its detail.reason says what was wrong.
      let reason: unknown;
      try {
        reason = record.detail?.reason;
      } catch {
        // A detail that cannot be read (a hostile getter or Proxy) adds nothing; never throw here.
      }
      const message =
        typeof reason === 'string' && reason !== '' && reason !== text
          ? `${text}: ${reason}`
          : text;
      return new ReceiptError(code, message, error);
    }
    return new ReceiptError(fallbackCode, String(error), error);
  }
}

/** True for a ReceiptError or any object carrying a numeric NIM `code`. */
export function hasErrorCode(error: unknown): error is { code: number } {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'number'
  );
}
