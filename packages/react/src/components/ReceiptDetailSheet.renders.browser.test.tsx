import type { ReceiptEngine, ReceiptMessage } from '@readmark/core';
import { screen, waitFor } from '@testing-library/dom';
import { Profiler, useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { ReceiptProvider } from '../ReceiptProvider';
import { addStyle, listWorldPerTest } from './listWorldPerTest.test';
import { MessageList } from './MessageList';
import { ReadTick } from './ReadTick';
import type { ReceiptDetailMember } from './ReceiptDetailMember';
import { ReceiptDetailSheet } from './ReceiptDetailSheet';
import { renderApp, settle, teamWithMessage, untilStill } from './testWorld.test';
import { UnreadBadge } from './UnreadBadge';

/**
 * Render counts of the sheet's member rows: typing in the search, a member reading while the sheet
 * is open and scrolling render only the rows that change or mount. (Every mounted row was rendered
 * again for each of them: 28 rows per keystroke in this team.)
 */
const world = listWorldPerTest();
const memberIds = Array.from({ length: 40 }, (_, index) => `member${index + 1}`);
let memberRenders = 0;
// Stable, as the docs ask: rows are memoized on it.
const renderMember = (member: ReceiptDetailMember) => {
  memberRenders++;
  return <span>{member.name}</span>;
};

/** The sheet, open until it asks to close. */
function Sheet({ engine, message }: { engine: ReceiptEngine; message: ReceiptMessage }) {
  const [isOpen, setIsOpen] = useState(true);
  return (
    <ReceiptProvider engine={engine}>
      <ReceiptDetailSheet
        message={message}
        isOpen={isOpen}
        onClose={() => setIsOpen(false)}
        renderMember={renderMember}
      />
    </ReceiptProvider>
  );
}

/** Alice's sheet for her message to a team of 40, 4 of whom have read it, opened on Unread. */
async function openSheet() {
  const { alice, message } = await teamWithMessage(world, { teamId: 't1', readers: 4, memberIds });
  const engine = world.engineFor(alice);
  renderApp(<Sheet engine={engine} message={message} />);
  await waitFor(() => expect(screen.getByRole('tab', { name: 'Unread (36)' })).toBeTruthy());
  await quiet();
  memberRenders = 0;
}

async function quiet() {
  await settle(world.server);
  await untilStill(() => memberRenders);
}

const accountsShown = () =>
  new Set(
    [...document.querySelectorAll<HTMLElement>('.readmark-member')].map(
      (row) => row.dataset.accountId,
    ),
  );

describe('ReceiptDetailSheet render counts', () => {
  it('typing in the search renders no row that stays', async () => {
    await openSheet();
    // "member" matches everyone, "member1" fewer: no row appears that was not mounted already.
    await userEvent.type(screen.getByRole('searchbox'), 'member1');
    await quiet();
    expect(screen.getByRole('tab', { name: 'Unread (36)' })).toBeTruthy();
    expect(accountsShown().size).toBe(10);
    expect(memberRenders).toBe(0);
  });

  it('a member reading while it is open renders none of the other rows', async () => {
    await openSheet();
    const before = accountsShown();
    // The first unread row: every row after it moves up one place.
    expect(before.has('member5')).toBe(true);
    const reader = world.server.login('member5');
    const [copy] = await world.history(reader, 'member5|2|t1');
    await reader.V2NIMMessageService.sendTeamMessageReceipts([copy as never]);
    await waitFor(() => expect(screen.getByRole('tab', { name: 'Unread (35)' })).toBeTruthy());
    await quiet();
    const mounted = [...accountsShown()].filter((id) => !before.has(id)).length;
    expect(memberRenders).toBe(mounted);
  });

  it('scrolling renders only the rows that scroll in', async () => {
    await openSheet();
    const before = accountsShown();
    const list = document.querySelector('.readmark-sheet-list') as HTMLElement;
    list.scrollTop += 100;
    await quiet();
    const mounted = [...accountsShown()].filter((id) => !before.has(id)).length;
    expect(mounted).toBeGreaterThan(0);
    expect(memberRenders).toBe(mounted);
  });
});

addStyle('.closed-sheets-list { height: 400px; width: 400px; }');

/** A NIM message as the README's code reads it: with its text. */
type TextMessage = ReceiptMessage & { text?: string };

/** The README's `TeamBadge`: a badge and its sheet, closed until the badge is pressed. */
function TeamBadge({ message }: { message: TextMessage }) {
  const [isOpen, setIsOpen] = useState(false);
  return (
    <>
      <UnreadBadge message={message} onOpen={() => setIsOpen(true)} />
      <ReceiptDetailSheet
        message={message}
        messageExcerpt={message.text}
        isOpen={isOpen}
        onClose={() => setIsOpen(false)}
      />
    </>
  );
}

/** The README's `renderMessage`: the text, the tick and the team badge (with its sheet). */
const renderReadmeMessage = (message: TextMessage) => (
  <div className="bubble">
    {message.text} <ReadTick message={message} /> <TeamBadge message={message} />
  </div>
);

describe('a closed ReceiptDetailSheet', () => {
  it('leaves nothing in the rows of the README’s chat: five incoming one-to-one messages and one own', async () => {
    const alice = world.server.login('alice');
    const bob = world.server.login('bob');
    for (let index = 1; index <= 5; index++) {
      await world.send(bob, { conversationId: 'bob|1|alice', text: `from bob ${index}` });
    }
    await world.send(alice, { conversationId: 'alice|1|bob', text: 'mine' });
    const messages = await world.history(alice, 'alice|1|bob');
    renderApp(
      <ReceiptProvider engine={world.engineFor(alice)}>
        <MessageList
          conversationId="alice|1|bob"
          messages={messages}
          renderMessage={renderReadmeMessage}
          className="closed-sheets-list"
        />
      </ReceiptProvider>,
    );
    await screen.findByRole('img', { name: 'Sent' });
    const bubbles = [...document.querySelectorAll<HTMLElement>('.bubble')];
    expect(bubbles.map((bubble) => bubble.textContent?.trim())).toEqual([
      'from bob 1',
      'from bob 2',
      'from bob 3',
      'from bob 4',
      'from bob 5',
      'mine',
    ]);
    // No `<dialog>` anywhere, hidden or not: an incoming row holds its text only, the own row its
    // text and its tick.
    expect(document.querySelectorAll('dialog')).toHaveLength(0);
    expect(bubbles.map((bubble) => bubble.childElementCount)).toEqual([0, 0, 0, 0, 0, 1]);
  });

  it('subscribes to nothing and renders once, whatever receipts, language and member names do', async () => {
    const { alice, message: own } = await teamWithMessage(world, {
      teamId: 't1',
      readers: 1,
      memberIds: ['bob', 'carol', 'dave'],
    });
    const bob = world.server.login('bob');
    const incoming = await world.send(bob, { conversationId: 'bob|2|t1', text: 'from bob' });
    const engine = world.engineFor(alice);
    const subscribe = vi.spyOn(engine.store, 'subscribe');
    let sheetCommits = 0;
    // One element throughout, so that only what the sheets read from the provider renders them.
    const sheets = (
      <Profiler id="sheets" onRender={() => void sheetCommits++}>
        {[own, incoming].map((message) => (
          <ReceiptDetailSheet
            key={message.messageClientId}
            message={message}
            isOpen={false}
            onClose={() => {}}
          />
        ))}
      </Profiler>
    );
    const app = renderApp(<ReceiptProvider engine={engine}>{sheets}</ReceiptProvider>);
    await settle(world.server);
    // Members read the own message, the language changes, names arrive.
    for (const id of ['carol', 'dave']) {
      const reader = world.server.login(id);
      const [copy] = await world.history(reader, `${id}|2|t1`);
      await reader.V2NIMMessageService.sendTeamMessageReceipts([copy as never]);
    }
    await settle(world.server);
    app.rerender(
      <ReceiptProvider
        engine={engine}
        locale="zh-CN"
        strings={{ sheetTitle: 'Receipts' }}
        resolveMember={(accountId) => ({ name: accountId.toUpperCase() })}
      >
        {sheets}
      </ReceiptProvider>,
    );
    await settle(world.server);
    expect(sheetCommits).toBe(1);
    expect(subscribe).not.toHaveBeenCalled();
    expect(document.querySelectorAll('dialog')).toHaveLength(0);
  });
});
