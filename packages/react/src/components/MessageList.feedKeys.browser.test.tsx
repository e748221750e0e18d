import type { ReceiptMessage } from '@readmark/core';
import { screen } from '@testing-library/dom';
import { expect, it } from 'vitest';
import { cdp, page, userEvent } from 'vitest/browser';
import '../styles.css';
import { listWorldPerTest } from './listWorldPerTest.test';
import { MessageList } from './MessageList';
import { BadgeOpensSheet, frames, Providers, renderApp, settle } from './testWorld.test';

/*
 * The rows are a WAI-ARIA feed, with its keys (APG "Feed"): each message is an article that takes
 * the focus (tabindex -1, so Tab still goes to the rows' controls), Page Down and Page Up go from
 * message to message, rendering the next one first when it is not, and Control+End and
 * Control+Home leave the feed. The articles took no focus and the keys only scrolled.
 */

const world = listWorldPerTest('feed-keys-list');

const textOf = (message: ReceiptMessage) => (message as { text?: string }).text;
/** 45 px rows in a 300 px list: six and a part in view. */
const ROW = 45;
const row = (message: ReceiptMessage) => (
  <div style={{ height: ROW }}>
    {textOf(message)} <button type="button">Reply</button>
  </div>
);

/**
 * Alice's `count` messages to Bob ("message 0" …) in Bob's list, between a button before it and a
 * composer after it; `more(n)` has Alice send `n` more ("new 0" …).
 */
async function bobsChat(count: number, renderMessage = row) {
  const alice = world.server.login('alice');
  const bob = world.server.login('bob');
  for (let i = 0; i < count; i++) {
    await world.send(alice, { conversationId: 'alice|1|bob', text: `message ${i}` });
  }
  const engine = world.engineFor(bob);
  const ui = (messages: ReceiptMessage[]) => (
    <Providers engine={engine}>
      <button type="button">Chats</button>
      <MessageList
        className="feed-keys-list"
        conversationId="bob|1|alice"
        messages={messages}
        renderMessage={renderMessage}
        readDwellMs={0}
      />
      <input aria-label="Message to Alice" />
    </Providers>
  );
  const app = renderApp(ui(await world.history(bob, 'bob|1|alice')));
  const scroller = screen.getByRole('region', { name: 'Messages' });
  await screen.findByText(`message ${count - 1}`, { exact: false });
  await frames(3);
  await settle(world.server);
  const history = () => world.history(bob, 'bob|1|alice');
  const more = async (n: number) => {
    for (let i = 0; i < n; i++) {
      await world.send(alice, { conversationId: 'alice|1|bob', text: `new ${i}` });
    }
    app.rerender(ui(await history()));
  };
  return { alice, scroller, frame: scroller.parentElement!, more, history };
}

/** The focused element: an article as a screen reader names it, "<n> of <total>: <text>". */
function focused(): string {
  const element = document.activeElement!;
  if (element.tagName !== 'ARTICLE') return element.tagName;
  const place = `${element.getAttribute('aria-posinset')} of ${element.getAttribute('aria-setsize')}`;
  return `${place}: ${element.textContent}`;
}

/** The article of the message whose text starts with `text`. */
const articleOf = (text: string) =>
  [...document.querySelectorAll<HTMLElement>('article')].find((article) =>
    article.textContent?.startsWith(`${text} `),
  )!;

/** How far `element` is from the top of the scroller's view, and whether it is wholly inside. */
function placeInView(scroller: HTMLElement, element: Element) {
  const view = scroller.getBoundingClientRect();
  const box = element.getBoundingClientRect();
  return {
    top: Math.round(box.top - view.top),
    isInside: box.top >= view.top - 1 && box.bottom <= view.bottom + 1,
  };
}

it('Page Up and Page Down move the focus to the message above and below, in view with its ring, and stop at the first and the last', async () => {
  const { scroller, frame } = await bobsChat(30);
  const replies = screen.getAllByRole('button', { name: 'Reply' });
  replies.at(-1)!.focus();
  const atEnd = scroller.scrollTop;

  // From a control in the newest message: the message above it, already in view.
  await userEvent.keyboard('{PageUp}');
  expect(focused()).toBe('29 of 30: message 28 Reply');
  expect(placeInView(scroller, document.activeElement!).isInside).toBe(true);
  expect(scroller.scrollTop).toBe(atEnd);
  const ring = getComputedStyle(document.activeElement!);
  expect(`${ring.outlineStyle} ${ring.outlineWidth}`).toBe('solid 2px');
  // Chromium's accessibility tree has the focused article itself, which a screen reader announces
  // with its place (aria-posinset and aria-setsize, above).
  expect(await focusedRoles()).toContain('article');

  // Down from the message itself, to the newest, and no further: the list stays at its end.
  await userEvent.keyboard('{PageDown}');
  expect(focused()).toBe('30 of 30: message 29 Reply');
  await userEvent.keyboard('{PageDown}');
  await frames(2);
  expect(focused()).toBe('30 of 30: message 29 Reply');
  expect(scroller.scrollTop).toBe(atEnd);
  expect(frame).toHaveAttribute('data-at-end', 'true');

  // Up a message at a time: the list moves only as far as each one needs, to the top of the view.
  for (let index = 28; index >= 18; index--) {
    await userEvent.keyboard('{PageUp}');
    expect(focused()).toBe(`${index + 1} of 30: message ${index} Reply`);
    const place = placeInView(scroller, document.activeElement!);
    expect(place.isInside, `message ${index} in view`).toBe(true);
    if (index <= 22) expect(place.top, `message ${index} at the top`).toBe(0);
  }

  // Home and End on a message go to the first and the last one; the first has none above it.
  await userEvent.keyboard('{Home}');
  await expect.poll(focused).toBe('1 of 30: message 0 Reply');
  await expect.poll(() => scroller.scrollTop).toBe(0);
  await userEvent.keyboard('{PageUp}');
  await frames(2);
  expect(focused()).toBe('1 of 30: message 0 Reply');
  expect(scroller.scrollTop).toBe(0);
  await userEvent.keyboard('{End}');
  await expect.poll(focused).toBe('30 of 30: message 29 Reply');
  await expect.poll(() => frame.getAttribute('data-at-end')).toBe('true');
  expect(placeInView(scroller, document.activeElement!).isInside).toBe(true);

  // On the list itself, Page Up scrolls it, as before.
  scroller.focus();
  const before = scroller.scrollTop;
  await userEvent.keyboard('{PageUp}');
  await expect.poll(() => scroller.scrollTop).toBeLessThan(before - 100);
  expect(document.activeElement).toBe(scroller);
});

it('Control+End leaves the feed for what follows it, Control+Home for what comes before it', async () => {
  const { scroller } = await bobsChat(30);
  screen.getAllByRole('button', { name: 'Reply' }).at(-2)!.focus();
  await userEvent.keyboard('{Control>}{End}{/Control}');
  expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Message to Alice' }));

  screen.getAllByRole('button', { name: 'Reply' }).at(-2)!.focus();
  await userEvent.keyboard('{PageUp}');
  expect(focused()).toMatch(/^28 of 30/);
  // Before the feed comes the list around it, the region it is named by.
  await userEvent.keyboard('{Control>}{Home}{/Control}');
  expect(document.activeElement).toBe(scroller);
  // And from the list itself (Shift+Tab from the composer lands there): it stayed on the list.
  await userEvent.keyboard('{Control>}{End}{/Control}');
  expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Message to Alice' }));
});

it('Control+End on the list with nothing after it to focus scrolls it to the end, as before', async () => {
  const { scroller, frame } = await bobsChat(30);
  // A read-only channel: nothing that takes the focus follows the list.
  (screen.getByRole('textbox', { name: 'Message to Alice' }) as HTMLInputElement).disabled = true;
  scroller.focus();
  await userEvent.keyboard('{Home}');
  await expect.poll(() => frame.getAttribute('data-at-end')).toBe('false');
  await userEvent.keyboard('{Control>}{End}{/Control}');
  await expect.poll(() => frame.getAttribute('data-at-end')).toBe('true');
  expect(document.activeElement).toBe(scroller);
});

it("a click on a message's text focuses the message without a ring and moves nothing, and dragging still selects text", async () => {
  const { scroller, frame } = await bobsChat(30);
  const atEnd = scroller.scrollTop;
  // The message cut by the top of the view, clicked on the part of it in view.
  const cut = articleOf('message 23');
  expect(placeInView(scroller, cut).top).toBeLessThan(0);
  await userEvent.click(page.elementLocator(cut), { position: { x: 5, y: ROW - 5 } });
  expect(document.activeElement).toBe(cut);
  expect(cut.matches(':focus-visible')).toBe(false);
  expect(getComputedStyle(cut).outlineStyle).toBe('none');
  await frames(2);
  expect(scroller.scrollTop).toBe(atEnd);
  expect(frame).toHaveAttribute('data-at-end', 'true');

  await userEvent.dragAndDrop(
    page.elementLocator(articleOf('message 27')),
    page.elementLocator(articleOf('message 28')),
    { sourcePosition: { x: 1, y: 10 }, targetPosition: { x: 60, y: 10 } } as never,
  );
  expect(getSelection()?.toString()).toMatch(/^message 27 Reply\s+message/);
  expect(scroller.scrollTop).toBe(atEnd);
});

it('Page Down through messages that came while scrolled up marks read only what it brings into view', async () => {
  const { alice, scroller, frame, more, history } = await bobsChat(30);
  // Four messages up from the end, then Alice sends three more: the pill counts them.
  scroller.scrollTop -= 4 * ROW;
  await expect.poll(() => frame.getAttribute('data-at-end')).toBe('false');
  await more(3);
  await screen.findByRole('button', { name: '3 new messages' });
  // The last message wholly in view, clicked, then Page Down to the first new one.
  await userEvent.click(page.elementLocator(articleOf('message 25')), {
    position: { x: 5, y: 5 },
  });
  for (const text of ['message 26', 'message 27', 'message 28', 'message 29', 'new 0']) {
    await userEvent.keyboard('{PageDown}');
    expect(focused()).toContain(`: ${text} Reply`);
  }
  await frames(3);
  await settle(world.server);

  // Read: the messages at least half in view (the new one focused, and the one after it, clear of
  // the pill's room below), not the one still below them.
  const view = scroller.getBoundingClientRect();
  const halfInView = [...scroller.querySelectorAll<HTMLElement>('article')]
    .filter((article) => {
      const box = article.getBoundingClientRect();
      return Math.min(box.bottom, view.bottom) - Math.max(box.top, view.top) >= box.height / 2;
    })
    .map((article) => Number(article.dataset.index));
  const messages = await history();
  const lastRead = Math.max(...halfInView);
  expect(lastRead).toBeLessThan(messages.length - 1);
  const { timestamp } = await alice.V2NIMMessageService.getP2PMessageReceipt('alice|1|bob');
  expect(timestamp).toBe(messages[lastRead]!.createTime);
  const unread = messages.length - 1 - lastRead;
  await screen.findByRole('button', {
    name: unread === 1 ? '1 new message' : `${unread} new messages`,
  });
});

it('leaves Page Up and Page Down to a text field and to a receipt sheet opened in a message, and goes on from its badge', async () => {
  const memberIds = Array.from({ length: 60 }, (_, index) => `m${index}`);
  world.server.createTeam({ teamId: 't1', memberIds: ['alice', ...memberIds] });
  const alice = world.server.login('alice');
  for (let i = 0; i < 10; i++) {
    await world.send(alice, {
      conversationId: 'alice|2|t1',
      text: `message ${i}`,
      isReceiptRequested: true,
    });
  }
  const messages = await world.history(alice, 'alice|2|t1');
  renderApp(
    <Providers engine={world.engineFor(alice)}>
      <MessageList
        className="feed-keys-list"
        conversationId="alice|2|t1"
        messages={messages}
        renderMessage={(message) => (
          <div style={{ minHeight: ROW }}>
            {textOf(message)} <input aria-label={`Note on ${textOf(message)}`} />
            <BadgeOpensSheet message={message} />
          </div>
        )}
      />
    </Providers>,
  );
  await settle(world.server);
  const note = await screen.findByRole('textbox', { name: 'Note on message 9' });
  note.focus();
  await userEvent.keyboard('{PageUp}');
  expect(document.activeElement).toBe(note);

  const badge = (await screen.findAllByRole('button', { name: '60 unread of 60 members' })).at(-1)!;
  await userEvent.click(badge);
  const dialog = await screen.findByRole('dialog');
  const members = await screen.findByRole('region', { name: 'Members' });
  members.focus();
  await userEvent.keyboard('{PageDown}');
  await expect.poll(() => members.scrollTop).toBeGreaterThan(0);
  expect(dialog.contains(document.activeElement)).toBe(true);

  await userEvent.keyboard('{Escape}');
  await expect.poll(() => document.activeElement).toBe(badge);
  await userEvent.keyboard('{PageUp}');
  expect(focused()).toMatch(/^9 of 10: message 8 /);
});

it('leaves Page Down and Page Up to a code block in a message while it can scroll their way, then goes on to the next and previous message', async () => {
  // Each message a code block of 12 lines in 3 lines' height, which Tab stops at to scroll it.
  await bobsChat(10, (message) => (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable block must be reachable to scroll it by keyboard
    <pre tabIndex={0} style={{ height: ROW, overflow: 'auto', margin: 0, lineHeight: '15px' }}>
      {Array.from({ length: 12 }, (_, line) => `${textOf(message)} line ${line}`).join('\n')}
    </pre>
  ));
  const code = articleOf('message 8').querySelector('pre')!;
  const atBottom = code.scrollHeight - code.clientHeight;
  expect(atBottom).toBeGreaterThan(2 * ROW);
  code.focus();
  // Down through the block while it can go on: the browser scrolls it and the focus stays.
  for (let steps = 0; code.scrollTop < atBottom; steps++) {
    expect(steps, 'the block reaches its end').toBeLessThan(10);
    const from = code.scrollTop;
    await userEvent.keyboard('{PageDown}');
    await expect.poll(() => code.scrollTop).toBeGreaterThan(from);
    await scrollEnded(code);
    expect(document.activeElement).toBe(code);
  }
  // At its end, the next message.
  await userEvent.keyboard('{PageDown}');
  expect(focused()).toMatch(/^10 of 10: message 9 line 0/);
  // Back to the block's message, then in the block, which Page Up scrolls up again.
  await userEvent.keyboard('{PageUp}');
  expect(focused()).toMatch(/^9 of 10: message 8 line 0/);
  code.focus();
  await userEvent.keyboard('{PageUp}');
  await expect.poll(() => code.scrollTop).toBeLessThan(atBottom);
  expect(document.activeElement).toBe(code);
  // A block at its top leaves Page Up to the feed.
  articleOf('message 7').querySelector('pre')!.focus();
  await userEvent.keyboard('{PageUp}');
  expect(focused()).toMatch(/^7 of 10: message 6 line 0/);
});

/** Resolves once `element`'s scroll position has stayed the same for three frames. */
async function scrollEnded(element: HTMLElement) {
  for (let still = 0, last = Number.NaN; still < 3; ) {
    await frames(1);
    still = element.scrollTop === last ? still + 1 : 0;
    last = element.scrollTop;
  }
}

/** The roles of the focused nodes of Chromium's accessibility tree of this test's frame. */
async function focusedRoles(): Promise<string[]> {
  type Frame = { frame: { id: string; url: string }; childFrames?: Frame[] };
  const { frameTree } = (await cdp().send('Page.getFrameTree')) as { frameTree: Frame };
  const frames = (tree: Frame): Frame[] => [tree, ...(tree.childFrames ?? []).flatMap(frames)];
  const frameId = frames(frameTree).find(({ frame }) => frame.url === location.href)?.frame.id;
  const { nodes } = (await cdp().send('Accessibility.getFullAXTree', { frameId })) as {
    nodes: {
      ignored: boolean;
      role?: { value: string };
      properties?: { name: string; value: { value: unknown } }[];
    }[];
  };
  return nodes
    .filter(
      (node) =>
        !node.ignored &&
        node.properties?.some(({ name, value }) => name === 'focused' && value.value === true),
    )
    .map((node) => node.role?.value ?? '');
}
