import type { ReceiptMessage } from '@readmark/core';
import { useDeferredValue, useState } from 'react';
import { describe, expect, it } from 'vitest';
import { consoleCallsPerTest } from './consoleCallsPerTest.test';
import { listWorldPerTest } from './listWorldPerTest.test';
import { MessageList } from './MessageList';
import { nextFrame, Providers, renderApp, settle } from './testWorld.test';

/*
 * An app filtering the list by a search box, with the filtered messages deferred (useDeferredValue)
 * so typing stays responsive: React renders each filter in the background, yielding to the browser
 * (rows that take a few milliseconds each to render make it yield here), while the reader scrolls.
 * Messages leaving and coming back start new key ranges, and the rows kept are measured again as
 * React attaches them.
 */
const world = listWorldPerTest('deferred-list');
const consoleCalls = consoleCallsPerTest();

const textOf = (message: ReceiptMessage) => (message as { text?: string }).text ?? '';

/** A row that takes 3 ms to render, as rich content does on a slow phone. */
function SlowRow({ message }: { message: ReceiptMessage }) {
  const end = performance.now() + 3;
  while (performance.now() < end) {
    // Rendering.
  }
  return <div style={{ height: 40 }}>{textOf(message)}</div>;
}
const renderMessage = (message: ReceiptMessage) => <SlowRow message={message} />;

function SearchableChat({
  all,
  controls,
}: {
  all: ReceiptMessage[];
  controls: { search: (query: string) => void };
}) {
  const [query, setQuery] = useState('');
  controls.search = setQuery;
  const found = all.filter((message) => textOf(message).includes(query));
  const shown = useDeferredValue(found);
  return (
    <MessageList
      className="deferred-list"
      conversationId="bob|1|alice"
      messages={shown}
      renderMessage={renderMessage}
    />
  );
}

describe('MessageList with a deferred search filter', () => {
  it('typed and cleared as the reader scrolls up: no warning, and the rows on screen stay stacked in order', async () => {
    const alice = world.server.login('alice');
    const bob = world.server.login('bob');
    for (let index = 0; index < 60; index++) {
      const topic = index % 3 === 0 ? 'lunch' : 'work';
      await world.send(alice, { conversationId: 'alice|1|bob', text: `m${index} ${topic}` });
    }
    const all = await world.history(bob, 'bob|1|alice');
    const controls = { search: (_query: string) => {} };
    const app = renderApp(
      <Providers engine={world.engineFor(bob)}>
        <SearchableChat all={all} controls={controls} />
      </Providers>,
    );
    for (let frame = 0; frame < 5; frame++) await nextFrame();
    const scroller = app.container.querySelector('section') as HTMLElement;

    for (const query of ['l', 'lu', 'lun', 'lunc', 'lunch', 'lunc', 'lu', '']) {
      controls.search(query);
      scroller.scrollTop -= 60;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    for (let frame = 0; frame < 10; frame++) await nextFrame();
    await settle(world.server);

    const view = scroller.getBoundingClientRect();
    const rows = [...scroller.querySelectorAll<HTMLElement>('[data-index]')]
      .map((row) => ({ index: Number(row.dataset.index), box: row.getBoundingClientRect() }))
      .filter(({ box }) => box.bottom > view.top + 1 && box.top < view.bottom - 1)
      .sort((a, b) => a.box.top - b.box.top);
    expect(rows.length).toBeGreaterThan(5);
    rows.slice(1).forEach((row, position) => {
      expect(row.index).toBe(rows[position]!.index + 1);
      expect(Math.abs(row.box.top - rows[position]!.box.bottom)).toBeLessThanOrEqual(1);
    });
    expect(consoleCalls).toEqual([]);
  });
});
