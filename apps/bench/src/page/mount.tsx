import type { ReceiptEngine } from '@readmark/core';
import { ReceiptProvider } from '@readmark/react';
import type { ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';

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

/** Indexes (`data-index`) of the rows currently in the DOM under `frame`. */
export function mountedIndexes(frame: HTMLElement): number[] {
  return [...frame.querySelectorAll<HTMLElement>('[data-index]')].map((row) =>
    Number(row.dataset.index),
  );
}
