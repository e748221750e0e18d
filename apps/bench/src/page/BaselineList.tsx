import type { ReceiptMessage, ReceiptState } from '@readmark/core';
import {
  type MessageReceipt,
  selectMessageReceipt,
  useReceiptEngine,
  useStoreSelector,
} from '@readmark/react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef } from 'react';
import type { BenchMessage } from './messages';

const selectAll = (state: ReceiptState) => state;

/**
 * The metric-1 baseline: receipts pass down from the list level, as popular chat kits do (NetEase's
 * UIKit hands `msgReceiptTime` and team counts to every message item from the list's store). The
 * list subscribes to the whole receipt state; every mounted row gets its receipt as a prop. Same
 * virtualizer and options as the kit's MessageList, same bubble markup.
 */
export function BaselineList({
  messages,
  onRenderList,
  onRenderRow,
  onRowMount,
}: {
  messages: readonly BenchMessage[];
  onRenderList?: () => void;
  onRenderRow?: (message: BenchMessage) => void;
  /** Called when a row mounts: where naive kits send a receipt per message shown (metric 6). */
  onRowMount?: (message: BenchMessage) => void;
}) {
  const engine = useReceiptEngine();
  const state = useStoreSelector(engine.store, selectAll);
  onRenderList?.();
  const scrollRef = useRef<HTMLElement | null>(null);
  const virtualizer = useVirtualizer<HTMLElement, HTMLDivElement>({
    count: messages.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 64,
    getItemKey: (index) => messages[index]?.messageClientId ?? index,
    anchorTo: 'end',
    followOnAppend: true,
    scrollEndThreshold: 8,
    overscan: 6,
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: opens at the newest message once
  useLayoutEffect(() => {
    virtualizer.scrollToEnd();
  }, []);
  return (
    <section
      ref={scrollRef}
      className="readmark-message-scroller"
      style={{ height: '100%', overflowY: 'auto', overflowAnchor: 'none' }}
    >
      <div style={{ position: 'relative', width: '100%', height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const message = messages[item.index];
          if (!message) return null;
          return (
            <div
              key={item.key}
              ref={virtualizer.measureElement}
              data-index={item.index}
              className="readmark-message-row"
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                width: '100%',
                transform: `translateY(${item.start}px)`,
              }}
            >
              <BaselineRow
                message={message}
                receipt={selectMessageReceipt(state, message)}
                onRender={onRenderRow}
                onMount={onRowMount}
              />
            </div>
          );
        })}
      </div>
    </section>
  );
}

function BaselineRow({
  message,
  receipt,
  onRender,
  onMount,
}: {
  message: BenchMessage;
  receipt: MessageReceipt;
  onRender?: (message: BenchMessage) => void;
  onMount?: (message: BenchMessage) => void;
}) {
  onRender?.(message);
  const engine = useReceiptEngine();
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per mounted row
  useEffect(() => {
    onMount?.(message);
  }, []);
  const { mode, status } = receipt;
  useEffect(() => {
    if (mode === 'p2p') void engine.loadConversation(message.conversationId);
    if (mode === 'team' && (status === 'sent' || status === 'read')) {
      return engine.watchTeamCounts(message as ReceiptMessage);
    }
  }, [engine, message, mode, status]);
  return (
    <div className={message.isSelf ? 'bench-bubble bench-own' : 'bench-bubble'}>
      <span>{message.text}</span>
      {status && (
        <span className="readmark-tick" role="img" data-status={status}>
          ✓
        </span>
      )}
      {mode === 'team' && receipt.unreadCount !== undefined && (
        <span className="readmark-badge">
          {receipt.unreadCount === 0 ? 'All read' : `${receipt.unreadCount} unread`}
        </span>
      )}
    </div>
  );
}
