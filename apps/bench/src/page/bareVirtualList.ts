import {
  elementScroll,
  measureElement,
  observeElementOffset,
  observeElementRect,
  Virtualizer,
} from '@tanstack/react-virtual';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
// The kit's tick markup itself (internal to @readmark/react), so the baseline cannot drift from it.
import { StatusTick } from '../../../../packages/react/src/components/StatusTick';
import type { BenchMessage } from './messages';

type TickStatus = 'sent' | 'read';

/** The kit's own tick (`StatusTick`, English labels) for each status, rendered once, to copy. */
const tickTemplates = new Map<TickStatus, HTMLElement>();
function tickTemplate(status: TickStatus): HTMLElement {
  let tick = tickTemplates.get(status);
  if (!tick) {
    const template = document.createElement('template');
    template.innerHTML = renderToStaticMarkup(createElement(StatusTick, { status, mode: 'p2p' }));
    tick = template.content.firstElementChild as HTMLElement;
    tickTemplates.set(status, tick);
  }
  return tick;
}

/**
 * The same tick markup as the kit's `ReadTick` (taken from its `StatusTick`, so nothing is copied
 * by hand), so both lists lay out and paint the same nodes and only the list machinery differs.
 */
function createTick(status: TickStatus): HTMLElement {
  return build(tickTemplate(status)) as HTMLElement;
}

/**
 * A copy of `template` made node by node (createElementNS and setAttribute), as React creates the
 * kit's tick: `cloneNode` would be a cheaper DOM path than the kit's and flatter the baseline.
 */
function build(template: Element): Element {
  const element = document.createElementNS(template.namespaceURI, template.localName);
  for (const { name, value } of template.attributes) element.setAttribute(name, value);
  for (const child of template.children) element.append(build(child));
  return element;
}

/** Turns a mounted tick to `status` in place, as React's update of the kit's tick does. */
function setTickStatus(tick: HTMLElement, status: TickStatus): void {
  const template = tickTemplate(status);
  tick.setAttribute('aria-label', template.getAttribute('aria-label') ?? '');
  tick.dataset.status = status;
  const d = template.querySelector('path')?.getAttribute('d');
  if (d) tick.querySelector('path')?.setAttribute('d', d);
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

  const tickStatus = (message: BenchMessage): TickStatus =>
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
