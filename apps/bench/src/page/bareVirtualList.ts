import {
  elementScroll,
  measureElement,
  observeElementOffset,
  observeElementRect,
  Virtualizer,
} from '@tanstack/react-virtual';
import type { BenchMessage } from './messages';

const SVG_NS = 'http://www.w3.org/2000/svg';
/** The kit's tick glyph paths (TickIcon.tsx) for the two statuses this list shows. */
const TICK_PATHS = {
  sent: 'M6 8.5l3.5 3.5L17 4.5',
  read: 'M2 8.5l3.5 3.5L13 4.5M10 11.5l0.5 0.5L18 4.5',
};
/** The kit's English tick labels (`en.tickSent` / `en.tickRead`). */
const TICK_LABELS = { sent: 'Sent', read: 'Read' };

/**
 * The same tick markup as the kit's `ReadTick` (wrapper with role, label, status and mode, and the
 * same SVG), so both lists lay out and paint the same nodes and only the list machinery differs.
 */
function createTick(status: 'sent' | 'read'): HTMLElement {
  const tick = document.createElement('span');
  tick.setAttribute('role', 'img');
  tick.className = 'readmark-tick';
  tick.dataset.mode = 'p2p';
  const svg = document.createElementNS(SVG_NS, 'svg');
  for (const [name, value] of Object.entries({
    'aria-hidden': 'true',
    focusable: 'false',
    viewBox: '0 0 24 16',
    width: '1.5em',
    height: '1em',
    fill: 'none',
    stroke: 'currentColor',
    'stroke-width': '2',
    'stroke-linecap': 'round',
    'stroke-linejoin': 'round',
  }))
    svg.setAttribute(name, value);
  svg.append(document.createElementNS(SVG_NS, 'path'));
  tick.append(svg);
  setTickStatus(tick, status);
  return tick;
}

function setTickStatus(tick: HTMLElement, status: 'sent' | 'read'): void {
  tick.setAttribute('aria-label', TICK_LABELS[status]);
  tick.dataset.status = status;
  tick.querySelector('path')?.setAttribute('d', TICK_PATHS[status]);
}

/** The scroll baseline: what the same virtualizer costs without React, receipts or the kit. */
export interface BareVirtualList {
  /** Replaces the messages (prepend older ones, append newer ones) and re-renders. */
  setMessages(messages: readonly BenchMessage[]): void;
  /** Moves the peer's watermark: ticks of mounted own rows up to `time` turn "read" in place. */
  setPeerReadTime(time: number): void;
  dispose(): void;
}

/**
 * A virtual list in plain DOM: @tanstack/virtual-core (the engine under the kit's MessageList, with
 * the same options), keyed row nodes created once and moved with `transform`, the same row markup
 * and CSS as the kit's bench rows, and a tick per own message updated in place. No React.
 */
export function createBareVirtualList({
  container,
  messages: initialMessages,
}: {
  container: HTMLElement;
  messages: readonly BenchMessage[];
}): BareVirtualList {
  let messages = initialMessages;
  let peerReadTime = 0;
  const scroller = document.createElement('section');
  scroller.className = 'readmark-message-scroller';
  scroller.style.cssText = 'height:100%;overflow-y:auto;overflow-anchor:none';
  const inner = document.createElement('div');
  inner.style.cssText = 'position:relative;width:100%';
  scroller.append(inner);
  container.append(scroller);
  const rows = new Map<string, HTMLElement>();

  const tickStatus = (message: BenchMessage): 'sent' | 'read' =>
    message.createTime <= peerReadTime ? 'read' : 'sent';

  const createRow = (message: BenchMessage, index: number): HTMLElement => {
    const row = document.createElement('div');
    row.className = 'readmark-message-row';
    row.dataset.index = String(index);
    row.style.cssText = 'position:absolute;top:0;left:0;width:100%';
    const bubble = document.createElement('div');
    bubble.className = message.isSelf ? 'bench-bubble bench-own' : 'bench-bubble';
    const text = document.createElement('span');
    text.textContent = message.text;
    bubble.append(text);
    if (message.isSelf) bubble.append(createTick(tickStatus(message)));
    row.append(bubble);
    return row;
  };

  const render = () => {
    inner.style.height = `${virtualizer.getTotalSize()}px`;
    const seen = new Set<string>();
    for (const item of virtualizer.getVirtualItems()) {
      const message = messages[item.index];
      if (!message) continue;
      const key = message.messageClientId;
      seen.add(key);
      let row = rows.get(key);
      if (!row) {
        row = createRow(message, item.index);
        rows.set(key, row);
        inner.append(row);
        virtualizer.measureElement(row);
      } else if (row.dataset.index !== String(item.index)) {
        row.dataset.index = String(item.index);
      }
      const transform = `translateY(${item.start}px)`;
      if (row.style.transform !== transform) row.style.transform = transform;
    }
    for (const [key, row] of rows) {
      if (seen.has(key)) continue;
      row.remove();
      rows.delete(key);
    }
  };

  const options = () => ({
    count: messages.length,
    getScrollElement: () => scroller,
    estimateSize: () => 64,
    getItemKey: (index: number) => messages[index]?.messageClientId ?? index,
    observeElementRect,
    observeElementOffset,
    scrollToFn: elementScroll,
    measureElement,
    onChange: render,
    anchorTo: 'end' as const,
    followOnAppend: true,
    scrollEndThreshold: 8,
    overscan: 6,
  });
  const virtualizer = new Virtualizer<HTMLElement, HTMLElement>(options());
  const unmount = virtualizer._didMount();
  virtualizer._willUpdate();
  render();
  virtualizer.scrollToEnd();

  return {
    setMessages(next) {
      messages = next;
      virtualizer.setOptions(options());
      virtualizer._willUpdate();
      render();
    },
    setPeerReadTime(time) {
      if (!(time > peerReadTime)) return;
      peerReadTime = time;
      for (const [key, row] of rows) {
        const message = messages[Number(row.dataset.index)];
        const tick = row.querySelector<HTMLElement>('.readmark-tick');
        if (!tick || message?.messageClientId !== key) continue;
        const status = tickStatus(message);
        if (tick.dataset.status !== status) setTickStatus(tick, status);
      }
    },
    dispose() {
      unmount();
      scroller.remove();
    },
  };
}
