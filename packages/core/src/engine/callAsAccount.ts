import { ReceiptError } from '../ReceiptError';
import type { ReceiptTransport } from '../ReceiptTransport';
import { type EngineContext, invoke } from './engineContext';

/**
 * True when the transport says another account, or nobody, is logged in (`getLoginUser`): one SDK
 * instance switched from `accountId` to another, or a session token that now belongs to another.
 * A transport that cannot tell (no getter, a throw, not a string) is trusted.
 */
export function isLoggedInElsewhere(transport: ReceiptTransport, accountId: string): boolean {
  let user: unknown;
  try {
    user = transport.getLoginUser?.();
  } catch {
    // Cannot tell: the transport's own checks decide.
  }
  return typeof user === 'string' && user !== accountId;
}

/**
 * Makes a transport call (`call`) unless {@link isLoggedInElsewhere}. An SDK calls as whoever is
 * logged in: a receipt would count as the other account's read (SPEC P4), and a query would be
 * answered with the other account's view (its read times, or 191004 for messages not its own).
 * Refused, it rejects without calling, with NIM's retryable "not logged in" (190002): a running
 * engine keeps the receipt or asks again later, a disposed one ignores the answer. An answer that
 * comes once another account is logged in is refused the same way: the request may have left with
 * that account's session (a token fetched asynchronously), and its answer be that account's view;
 * a receipt is then sent again, as this account, once it is back.
 */
export function callAsAccount<T>(
  context: Pick<EngineContext, 'transport' | 'accountId'>,
  call: () => Promise<T>,
): Promise<T> {
  const check = () => {
    if (isLoggedInElsewhere(context.transport, context.accountId)) {
      throw new ReceiptError(190002, `not logged in as ${context.accountId}`);
    }
  };
  return invoke(async () => {
    check();
    const answer = await call();
    check();
    return answer;
  });
}
