import type { ReceiptMessage } from '@readmark/core';
import { screen, waitFor, within } from '@testing-library/dom';
import { afterEach, describe, expect, it } from 'vitest';
import { MessageList } from './MessageList';
import { ReadTick } from './ReadTick';
import { ReceiptDetailSheet } from './ReceiptDetailSheet';
import {
  cleanupApps,
  createWorld,
  Providers,
  renderApp,
  settle,
  teamWithMessage,
} from './testWorld.test';

// Each payload sets this flag if the browser ever runs it.
const hostile = [
  '<img src=x onerror="window.__readmarkPwned=1">',
  '<script>window.__readmarkPwned=1</script>',
  '"><svg onload="window.__readmarkPwned=1">',
  '<a href="javascript:window.__readmarkPwned=1">click</a>',
];

declare global {
  interface Window {
    __readmarkPwned?: number;
  }
}

let world: ReturnType<typeof createWorld>;
afterEach(() => {
  cleanupApps();
  world?.dispose();
  delete window.__readmarkPwned;
});

const style = document.createElement('style');
style.textContent = '.hostile-list { height: 300px; width: 400px; }';
document.head.append(style);

const renderText = (message: ReceiptMessage & { text?: string }) => (
  <div className="hostile-row">
    <span className="hostile-text">{message.text}</span>
    <ReadTick message={message} />
  </div>
);

/** Elements no payload may create inside `root`. */
const injected = (root: Element) =>
  root.querySelectorAll('script, img[src="x"], svg[onload], a[href^="javascript"]');

describe('hostile data renders as inert text', () => {
  // The text itself is drawn by the app's `renderMessage`; what this guards is the kit's part: the
  // list hands hostile messages through untouched, ticks them and marks them read, and runs nothing.
  it('message text with HTML and script shows verbatim in the list and runs nothing', async () => {
    world = createWorld();
    const alice = world.server.login('alice');
    const bob = world.server.login('bob');
    let last: ReceiptMessage | undefined;
    for (const text of hostile) {
      last = await world.send(alice, { conversationId: 'alice|1|bob', text });
    }
    const messages = await world.history(bob, 'bob|1|alice');
    // The test iframe has no focus in headless Chromium, and the list marks only while focused.
    window.focus();
    const { container } = renderApp(
      <Providers engine={world.engineFor(bob)}>
        <MessageList
          className="hostile-list"
          conversationId="bob|1|alice"
          messages={messages}
          renderMessage={renderText}
          readDwellMs={0}
        />
      </Providers>,
    );
    await waitFor(() => expect(container.querySelectorAll('.hostile-text')).toHaveLength(4));
    await settle(world.server);
    const texts = [...container.querySelectorAll('.hostile-text')].map((node) => node.textContent);
    expect(texts).toEqual(hostile);
    expect(injected(container)).toHaveLength(0);
    expect(window.__readmarkPwned).toBeUndefined();
    // Bob's list marked them read through the real engine and server: Alice sees it.
    await waitFor(() => expect(alice.V2NIMMessageService.isPeerRead(last as never)).toBe(true));
  });

  it('member names and account ids with HTML show verbatim in the sheet and run nothing', async () => {
    world = createWorld();
    const readerIds = ['r1', 'r2', 'r3', 'r4'];
    const { alice, message } = await teamWithMessage(world, {
      teamId: 't1',
      memberIds: readerIds,
      readers: 0,
      text: 'hello',
    });
    const names = Object.fromEntries(readerIds.map((id, index) => [id, hostile[index]!]));
    renderApp(
      <Providers engine={world.engineFor(alice)} names={names}>
        <ReceiptDetailSheet message={message} isOpen onClose={() => {}} />
      </Providers>,
    );
    const dialog = await screen.findByRole('dialog');
    await waitFor(() => expect(within(dialog).queryAllByRole('listitem')).toHaveLength(4));
    await settle(world.server);
    for (const name of hostile) expect(within(dialog).getByText(name)).toBeTruthy();
    expect(injected(dialog)).toHaveLength(0);
    expect(window.__readmarkPwned).toBeUndefined();
  });
});
