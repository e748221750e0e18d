/**
 * A member's picture: the app's `avatarUrl` (from the provider's `resolveMember`), else the first
 * letter of the name on a disc. Decoration: the name beside it is what assistive tech reads.
 */
export function MemberAvatar({
  name,
  avatarUrl,
}: {
  name: string;
  avatarUrl?: string | undefined;
}) {
  return avatarUrl ? (
    <img className="readmark-avatar" src={avatarUrl} alt="" width={28} height={28} />
  ) : (
    <span className="readmark-avatar" aria-hidden="true">
      {/* The first character, not the first UTF-16 unit: 𠮷 or an emoji is two of them. */}
      {[...name][0]?.toUpperCase()}
    </span>
  );
}
