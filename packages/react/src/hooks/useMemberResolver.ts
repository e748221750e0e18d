import { useCallback, useContext } from 'react';
import { MemberResolverContext, type ReceiptMember } from '../context/MemberResolverContext';

/**
 * How to show an account: the provider's `resolveMember` result, or `{ name: accountId }` when the
 * app gave no resolver, the resolver does not know the account, or it throws. Stable while the
 * provider's resolver is.
 */
export function useMemberResolver(): (accountId: string) => ReceiptMember {
  const resolveMember = useContext(MemberResolverContext);
  return useCallback(
    (accountId: string): ReceiptMember => {
      let member: ReceiptMember | undefined;
      try {
        member = resolveMember?.(accountId);
      } catch {
        // A broken resolver must not break rendering; the account id is still a usable name.
      }
      return member && typeof member.name === 'string' && member.name !== ''
        ? member
        : { name: String(accountId) };
    },
    [resolveMember],
  );
}
