/**
 * Support for the component tests (named `.test.tsx` so the library build skips it; it holds no
 * tests itself): a team message's badge and the sheet it opens, wired as an app wires them.
 */
import type { ReceiptMessage } from '@readmark/core';
import { useState } from 'react';
import { ReceiptDetailSheet } from './ReceiptDetailSheet';
import { UnreadBadge } from './UnreadBadge';

export function BadgeWithSheet({
  message,
  className,
  onClosed,
}: {
  message: ReceiptMessage;
  /** Passed to the badge. */
  className?: string;
  /** Called after the sheet asked to close. */
  onClosed?: () => void;
}) {
  const [isOpen, setIsOpen] = useState(false);
  return (
    <>
      <UnreadBadge message={message} onOpen={() => setIsOpen(true)} className={className} />
      <ReceiptDetailSheet
        message={message}
        isOpen={isOpen}
        onClose={() => {
          setIsOpen(false);
          onClosed?.();
        }}
      />
    </>
  );
}
