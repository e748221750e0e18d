import { createContext } from 'react';

/** A member's display name and avatar. */
export interface ReceiptMember {
  name: string;
  avatarUrl?: string;
}

/** Looks up how to show an account; undefined when the app does not know it. */
export type ResolveMember = (accountId: string) => ReceiptMember | undefined;

/** The app's member resolver from `<ReceiptProvider resolveMember>`; undefined when none was given. */
export const MemberResolverContext = createContext<ResolveMember | undefined>(undefined);
MemberResolverContext.displayName = 'MemberResolverContext';
