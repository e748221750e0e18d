import { ReceiptError } from '../ReceiptError';
import { type EngineContext, invoke } from './engineContext';

/**
 * Makes a receipt call (`send`) unless the transport says another account, or nobody, is logged in
 * (`getLoginUser`). An SDK sends a receipt as whoever is logged in (SPEC P4): after one instance
 * switched from this engine's account to another, the receipt would count as the other account's
 * read. Refused, it rejects without calling, with NIM's retryable "not logged in" (190002): a
 * running engine keeps the receipt and retries, a disposed one ignores the answer. A transport that
 * cannot tell (no getter, a throw, not a string) is trusted.
 */
export function sendAsAccount(
  context: Pick<EngineContext, 'transport' | 'accountId'>,
  send: () => Promise<void>,
): Promise<void> {
  return invoke(() => {
    let user: unknown;
    try {
      user = context.transport.getLoginUser?.();
    } catch {
      // Cannot tell: the transport's own checks decide.
    }
    if (typeof user === 'string' && user !== context.accountId) {
      throw new ReceiptError(190002, `not logged in as ${context.accountId}`);
    }
    return send();
  });
}
