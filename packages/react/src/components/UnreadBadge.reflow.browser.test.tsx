/**
 * The badge on a phone (320 px wide) with the reader's text at 200% (WCAG 1.4.4): squeezed by the
 * row it sits in, its words must stay whole. "147人未读" broke after every character, one a line.
 */
import { screen, waitFor } from '@testing-library/dom';
import { afterEach, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import '../styles.css';
import {
  cleanupApps,
  createWorld,
  Providers,
  renderApp,
  teamWithMessage,
  type World,
} from './testWorld.test';
import { UnreadBadge } from './UnreadBadge';

let world: World;
afterEach(async () => {
  cleanupApps();
  world?.dispose();
  document.documentElement.style.fontSize = '';
  await page.viewport(1024, 768);
});

/** The text of `element` as it is laid out: one string per line, top to bottom. */
function linesOf(element: Element): string[] {
  const lines = new Map<number, string>();
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let index = 0; index < node.textContent!.length; index++) {
      range.setStart(node, index);
      range.setEnd(node, index + 1);
      const top = Math.round(range.getBoundingClientRect().top);
      lines.set(top, (lines.get(top) ?? '') + node.textContent![index]);
    }
  }
  return [...lines.entries()].sort(([a], [b]) => a - b).map(([, line]) => line.trim());
}

it.each([
  ['en', 'unread', '147 unread'],
  ['en', 'loading', 'Loading read receipts…'],
  ['zh-CN', 'unread', '147人未读'],
  ['zh-CN', 'loading', '已读回执加载中…'],
] as const)(
  'at 320 px with text at 200%, squeezed beside the time, the %s badge (%s) keeps its words whole',
  async (locale, status, text) => {
    await page.viewport(320, 568);
    document.documentElement.style.fontSize = '200%';
    world = createWorld();
    const memberIds = Array.from({ length: 150 }, (_, index) => `m${index + 1}`);
    const { alice, message } = await teamWithMessage(world, {
      teamId: 't1',
      readers: 3,
      memberIds,
    });
    // Counts that never come: the badge says it is loading them for as long as the test lasts.
    if (status === 'loading') world.server.setFaults({ latencyMs: [600_000, 600_000] });
    renderApp(
      <Providers engine={world.engineFor(alice)} locale={locale}>
        {/* A chat bubble's meta line at its narrowest, as a row too short for it squeezes it, in a
         * bubble that breaks long links anywhere. */}
        <div style={{ overflowWrap: 'anywhere' }}>
          <span style={{ display: 'inline-flex', width: 'min-content', gap: 6 }}>
            <time>12:26</time>
            <UnreadBadge message={message} onOpen={() => {}} />
          </span>
        </div>
      </Providers>,
    );
    const badge = await screen.findByRole('button', { name: status === 'loading' ? text : /147/ });
    expect(badge.dataset.status).toBe(status);
    // A load is shown (laid out) once it has lasted 200 ms; until then it is visually hidden.
    await waitFor(() => expect(badge.style.position).toBe(''));
    const lines = linesOf(badge);
    // Whole words on each line, in order: "147人未读" (no spaces) on one.
    expect(lines.join(' ')).toBe(text);
    const words = text.split(' ');
    for (const line of lines) expect(words, line).toEqual(expect.arrayContaining(line.split(' ')));
    if (locale === 'zh-CN') expect(lines).toHaveLength(1);
  },
);
