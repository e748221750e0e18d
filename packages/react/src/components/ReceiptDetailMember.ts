/** One member row of `ReceiptDetailSheet`, as passed to its `renderMember` prop. */
export interface ReceiptDetailMember {
  accountId: string;
  /** From the provider's `resolveMember`; the account id when the resolver does not know it. */
  name: string;
  avatarUrl?: string;
  /** Whether this member has read the message. */
  isRead: boolean;
}
