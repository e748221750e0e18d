/** NIM's numeric error codes that receipts can produce (SPEC section 3). */
export const ReceiptErrorCode = {
  INVALID_PARAMETER: 191004,
  MISUSE: 191001,
  ILLEGAL_STATE: 190002,
  PARAMETER_ERROR: 414,
  RATE_LIMIT_REACHED: 416,
  TEAM_MESSAGE_RECEIPT_RATE_LIMIT: 107317,
  TEAM_MARK_READ_FAILED: 107302,
  TEAM_READ_RECEIPT_FUNCTION_DISABLED: 107324,
  TEAM_MESSAGE_READ_RECEIPT_DISABLED: 108312,
  P2P_READ_RECEIPT_FUNCTION_DISABLED: 107325,
  TEAM_READ_RECEIPT_RECORD_NOT_FOUND: 108301,
  NOT_ADVANCED_TEAM: 108302,
  TEAM_NOT_EXIST: 108404,
  TEAM_MEMBER_NOT_EXIST: 109404,
  MESSAGE_NOT_EXIST: 107404,
  /** The SDK's generic timeout (10.8.1 uses it for login; a receipt call times out with 192004). */
  TIMEOUT: 191005,
  /** The SDK calls 192001 "connect failed"; 192002-192006 are its other connection errors. */
  DISCONNECTED: 192001,
} as const;
/** One of {@link ReceiptErrorCode}'s values, or another NIM code passed through from a server. */
export type ReceiptErrorCodeValue =
  | (typeof ReceiptErrorCode)[keyof typeof ReceiptErrorCode]
  | number;

/**
 * Codes after which retrying the same call can succeed: rate limits, not logged in, NIM's timeout
 * (191005) and its connection errors (192001-192006: connect failed or timed out, disconnected,
 * protocol timeout, send failed, request failed), and the server's passing troubles, named as in
 * nim-web-sdk-ng's `V2NIMErrorCode`: 398 "request temporary forbidden", 399 "server unit error",
 * 500 "server internal error", 503 "server busy", 511 "app server unreachable" and 514 "service
 * unavailable" (a receipt refused while the server was busy was dropped). Its other client codes
 * are final: 191006 "resource not exist" and 191007 "resource already exist" would fail again.
 */
export function isRetryableCode(code: number): boolean {
  return (
    isServerTrouble(code) ||
    code === ReceiptErrorCode.RATE_LIMIT_REACHED ||
    code === ReceiptErrorCode.TEAM_MESSAGE_RECEIPT_RATE_LIMIT ||
    code === ReceiptErrorCode.ILLEGAL_STATE ||
    code === ReceiptErrorCode.TIMEOUT ||
    (code >= 192001 && code <= 192006)
  );
}

/**
 * The server's passing troubles among the retryable codes (see {@link isRetryableCode}): retried,
 * and also told to `onError` once per operation and conversation, since a server that answers 500
 * for good would otherwise hold a receipt unseen for as long as the page is open.
 */
export function isServerTrouble(code: number): boolean {
  return (
    code === 398 || code === 399 || code === 500 || code === 503 || code === 511 || code === 514
  );
}
