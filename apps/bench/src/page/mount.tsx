import type { ReceiptEngine } from '@readmark/core';
import { MessageList, type MessageListProps, ReceiptProvider } from '@readmark/react';
import type { ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { renderBenchRow } from './BenchRow';
import type { BenchMessage } from './messages';

/** A fixed-size frame (480 x 600 px) in the page for one list. */
export function createFrame(): HTMLElement {
  const frame = document.createElement('div');
  frame.className = 'bench-frame';
  document.body.append(frame);
  return frame;
}

/** Renders `ui` inside the provider into `frame`, synchronously; returns unmount. */
export function mountApp(frame: HTMLElement, engine: ReceiptEngine, ui: ReactNode): () => void {
  const root = createRoot(frame);
  flushSync(() => root.render(<ReceiptProvider engine={engine}>{ui}</ReceiptProvider>));
  return () => {
    flushSync(() => root.unmount());
    frame.remove();
  };
}

/** The kit's MessageList with the bench's rows ({@link renderBenchRow}), mounted as {@link mountApp}. */
export function mountBenchList(
  frame: HTMLElement,
  engine: ReceiptEngine,
  props: Omit<MessageListProps<BenchMessage>, 'renderMessage'>,
): () => void {
  return mountApp(frame, engine, <MessageList {...props} renderMessage={renderBenchRow} />);
}

/** Indexes (`data-index`) of the rows currently in the DOM under `frame`. */
export function mountedIndexes(frame: HTMLElement): number[] {
  return [...frame.querySelectorAll<HTMLElement>('[data-index]')].map((row) =>
    Number(row.dataset.index),
  );
}
