/** NIM's numeric error codes the memory server produces (SPEC section 3). */
export const NimErrorCode = {
  INVALID_PARAMETER: 191004,
  MISUSE: 191001,
  ILLEGAL_STATE: 190002,
  TEAM_MARK_READ_FAILED: 107302,
  TEAM_READ_RECEIPT_RECORD_NOT_FOUND: 108301,
  TEAM_NOT_EXIST: 108404,
  TEAM_MEMBER_NOT_EXIST: 109404,
  MESSAGE_NOT_EXIST: 107404,
  /** "only sender or manager can revoke message" (V2NIM_ERROR_CODE_SENDER_OR_MANAGER_PERMISSION_ONLY_REVOKE in the SDK's JS error table). */
  SENDER_OR_MANAGER_PERMISSION_ONLY_REVOKE: 107303,
  /** "resource not exist": what the SDK's `getConversation` throws for a conversation it lacks. */
  RESOURCE_NOT_EXIST: 191006,
  /** "disconnect": what the SDK rejects the calls in flight with when the connection drops. */
  DISCONNECT: 192003,
  /** "protocol timeout": a call whose answer did not come back in time (the SDK's packet timer). */
  PROTOCOL_TIMEOUT: 192004,
  /** "protocol send failed": a call whose request could not be sent. */
  PROTOCOL_SEND_FAILED: 192005,
} as const;

/** The SDK's `desc` of the codes that have one (SPEC section 3); others carry their reason. */
const DESCRIPTIONS: Readonly<Record<number, string>> = {
  [NimErrorCode.INVALID_PARAMETER]: 'invalid parameter',
  [NimErrorCode.MISUSE]: 'misuse',
  [NimErrorCode.TEAM_MARK_READ_FAILED]:
    'sending message failed for marking message read failed for too many team members',
  [NimErrorCode.SENDER_OR_MANAGER_PERMISSION_ONLY_REVOKE]:
    'only sender or manager can revoke message',
  [NimErrorCode.RESOURCE_NOT_EXIST]: 'resource not exist',
  [NimErrorCode.DISCONNECT]: 'disconnect',
  [NimErrorCode.PROTOCOL_TIMEOUT]: 'protocol timeout',
  [NimErrorCode.PROTOCOL_SEND_FAILED]: 'protocol send failed',
};

/**
 * What the memory server rejects with: shaped like nim-web-sdk-ng's `V2NIMError`
 * (`{ name: 'V2NIMError', code, desc, detail }`, SPEC T6): `desc` is the SDK's text for the code
 * ("invalid parameter", "misuse", ...) and `detail.reason` says what was wrong, so code written
 * against the real SDK, including `ReceiptError.from`, handles both the same way.
 */
export class NimError extends Error {
  override readonly name = 'V2NIMError';
  readonly code: number;
  readonly desc: string;
  readonly detail: { reason?: string };

  constructor(code: number, reason: string) {
    const desc = DESCRIPTIONS[code] ?? reason;
    super(desc === reason ? `${code}: ${desc}` : `${code}: ${desc}: ${reason}`);
    this.code = code;
    this.desc = desc;
    this.detail = { reason };
  }
}

/** Shorthand for the most common rejection, 191004 "invalid parameter", with what was wrong. */
export function invalidParameter(reason: string): NimError {
  return new NimError(NimErrorCode.INVALID_PARAMETER, reason);
}
