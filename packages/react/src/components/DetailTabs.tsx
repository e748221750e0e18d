import type { KeyboardEvent } from 'react';
import { useReceiptStrings } from '../i18n/ReceiptStringsProvider';

/** The two tabs of the detail sheet. */
export type ReceiptDetailTab = 'read' | 'unread';

const TAB_ORDER: readonly ReceiptDetailTab[] = ['unread', 'read'];

/** A tab's id or its panel's, which tie the two together (`aria-controls` / `aria-labelledby`). */
export function tabPartId(idPrefix: string, part: 'tab' | 'panel', tab: ReceiptDetailTab): string {
  return `${idPrefix}-${part}-${tab}`;
}

/**
 * "Unread (m)" / "Read (n)" tabs following the WAI-ARIA tabs pattern: one tab stop (roving
 * tabindex), Left/Right arrows (wrapping), Home and End move focus and select (automatic activation).
 * The tab list is named by `tabListLabel`. Only the selected tab has `aria-controls`: the sheet
 * renders one panel (the selected tab's), and a reference to a panel that is not in the DOM dangles.
 */
export function DetailTabs({
  idPrefix,
  selectedTab,
  onSelectTab,
  readCount,
  unreadCount,
}: {
  idPrefix: string;
  selectedTab: ReceiptDetailTab;
  onSelectTab: (tab: ReceiptDetailTab) => void;
  readCount: number;
  unreadCount: number;
}) {
  const strings = useReceiptStrings();

  const handleKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // Two tabs: either arrow, wrapping, goes to the other one.
    const other = selectedTab === TAB_ORDER[0] ? 1 : 0;
    const nextIndex = { ArrowRight: other, ArrowLeft: other, Home: 0, End: 1 }[event.key];
    if (nextIndex === undefined) return;
    event.preventDefault();
    onSelectTab(TAB_ORDER[nextIndex]!);
    // The tab list's children are the tabs, in TAB_ORDER.
    (event.currentTarget.children[nextIndex] as HTMLElement | undefined)?.focus();
  };

  return (
    <div
      role="tablist"
      aria-label={strings.tabListLabel}
      className="readmark-sheet-tabs"
      onKeyDown={handleKeyDown}
    >
      {TAB_ORDER.map((tab) => {
        const isSelected = tab === selectedTab;
        return (
          <button
            key={tab}
            type="button"
            role="tab"
            id={tabPartId(idPrefix, 'tab', tab)}
            aria-selected={isSelected}
            aria-controls={isSelected ? tabPartId(idPrefix, 'panel', tab) : undefined}
            tabIndex={isSelected ? 0 : -1}
            className="readmark-sheet-tab"
            data-state={isSelected ? 'active' : 'inactive'}
            onClick={() => onSelectTab(tab)}
          >
            {tab === 'read' ? strings.tabRead(readCount) : strings.tabUnread(unreadCount)}
          </button>
        );
      })}
    </div>
  );
}
