import {
  type ReceiptMessage,
  type ReceiptState,
  selectMessageStatus,
  selectReceiptMode,
  selectTeamReceipt,
} from '@readmark/core';
import { useMemberResolver } from '../hooks/useMemberResolver';
import { showsTeam, useReceiptView } from '../hooks/useMessageReceipt';
import { useTeamReceiptDetail } from '../hooks/useTeamReceiptDetail';
import { useReceiptLanguage, useReceiptStrings } from '../i18n/ReceiptStringsProvider';
import { MemberAvatar } from './MemberAvatar';
import { withClassName } from './withClassName';

/** How many readers are named and pictured when `max` is left out (or is not a whole number > 0). */
const DEFAULT_MAX = 3;

/**
 * Whether anyone has read the message, by its counts (which load once it is sent, as a badge's do):
 * a view that changes with the send and at the first reader, not at every reader.
 */
const selectHasReaders = (state: ReceiptState, message: unknown) => ({
  mode: selectReceiptMode(state, message),
  status: selectMessageStatus(state, message),
  hasReaders: (selectTeamReceipt(state, message)?.readCount ?? 0) > 0,
});

/** Props of {@link ReadBy}. */
export interface ReadByProps {
  /** An own team message sent with `readReceiptEnabled` (anything else renders nothing). */
  message: ReceiptMessage;
  /** How many readers are named and pictured, the latest first; the others are counted. Default 3. */
  max?: number | undefined;
  /** Extra class; the default look comes from `.readmark-read-by` in styles.css. */
  className?: string | undefined;
}

/**
 * "Read by Bob, Carol, Dave, and 2 others" (Bob、Carol、Dave等5人已读) with their avatars, under your last
 * team message, as group chats show who has seen it. Loads the message's member lists once someone
 * has read it (`useTeamReceiptDetail`: one query, then kept live by incoming receipts, each new
 * reader named first without another query), so place it under one message, not every row. Names and pictures
 * come from the provider's `resolveMember`. Plain text, read with the message; the avatars are
 * decoration. Renders nothing until someone has read, and for anything but an own, flagged, sent
 * team message.
 */
export function ReadBy({ message, max = DEFAULT_MAX, className }: ReadByProps) {
  // The counts (loaded as for a badge) say when there is someone to name: the lists are asked for
  // then, not for every message nobody has read yet, whose answer would be an empty list.
  const { hasReaders } = useReceiptView(message, {
    select: selectHasReaders,
    shows: showsTeam,
    caller: '<ReadBy>',
  });
  const { readAccountList } = useTeamReceiptDetail(message, { isEnabled: hasReaders });
  const resolveMember = useMemberResolver();
  const strings = useReceiptStrings();
  const lang = useReceiptLanguage();
  if (readAccountList.length === 0) return null;
  // Bad data (0, NaN, a string) names the default number rather than nobody.
  const limit = typeof max === 'number' && Number.isInteger(max) && max > 0 ? max : DEFAULT_MAX;
  // The detail lists readers in the server's order (NIM does not document it; the memory server
  // lists them as they read), and the engine adds each new one at the end: exact for readers seen live.
  const latest = readAccountList.slice(-limit).reverse();
  const members = latest.map(resolveMember);
  return (
    <div lang={lang} className={withClassName('readmark-read-by', className)}>
      <span className="readmark-read-by-avatars" aria-hidden="true">
        {members.map((member, index) => (
          <MemberAvatar key={latest[index]} name={member.name} avatarUrl={member.avatarUrl} />
        ))}
      </span>
      <span className="readmark-read-by-text">
        {/* Each name isolated (U+2068 … U+2069): a right-to-left name keeps the sentence in order. */}
        {strings.readBy(
          members.map((member) => `\u2068${member.name}\u2069`),
          readAccountList.length - latest.length,
        )}
      </span>
    </div>
  );
}
