import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { HISTORY_WINDOW, useHistoryWindow } from './useHistoryWindow';

interface Message {
  id: string;
}

const keyOf = (message: Message) => message.id;
const history = (count: number): Message[] =>
  Array.from({ length: count }, (_, index) => ({ id: `m${index}` }));

/** What the list below saw: how often its body ran, and its last window. */
const seen = { bodies: 0, window: [] as readonly Message[] };

/** A list's render over the hook, in conversation 'c'. */
function List({ messages }: { messages: readonly Message[] }) {
  seen.bodies++;
  [seen.window] = useHistoryWindow(messages, keyOf, 'c');
  return null;
}

function renderList(messages: readonly Message[]) {
  seen.bodies = 0;
  seen.window = [];
  const { rerender } = render(<List messages={messages} />);
  return { seen, update: (next: readonly Message[]) => rerender(<List messages={next} />) };
}

afterEach(cleanup);

describe('useHistoryWindow as the list mounts', () => {
  it("decides a long history's window in the mount's one render: the list's body runs once, not twice", () => {
    const messages = history(5_000);
    const { seen } = renderList(messages);
    expect(seen.bodies).toBe(1);
    expect(seen.window).toHaveLength(HISTORY_WINDOW);
    expect(seen.window[0]).toBe(messages[5_000 - HISTORY_WINDOW]);
  });

  it('a list that mounts before its history arrives windows the history when it comes', () => {
    const { seen, update } = renderList([]);
    expect(seen.window).toEqual([]);
    const messages = history(5_000);
    update(messages);
    expect(seen.window).toHaveLength(HISTORY_WINDOW);
    expect(seen.window.at(-1)).toBe(messages.at(-1));
  });

  it('a short history is shown whole in one render', () => {
    const messages = history(30);
    const { seen } = renderList(messages);
    expect(seen.bodies).toBe(1);
    expect(seen.window).toBe(messages);
  });
});
