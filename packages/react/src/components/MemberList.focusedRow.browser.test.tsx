import { waitFor } from '@testing-library/dom';
import { expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { MemberList } from './MemberList';
import { ReceiptDetailSheet } from './ReceiptDetailSheet';
import '../styles.css';
import { listWorldPerTest } from './listWorldPerTest.test';
import { nextFrame, Providers, renderApp, teamWithMessage } from './testWorld.test';

/*
 * The sheet's member list is virtualized with the same adapter as MessageList: a member row that
 * holds focus (an app's `renderMember` with a button) stays rendered while the list scrolls away from
 * it, so focus does not fall to <body> and out of the modal sheet.
 */

const world = listWorldPerTest();

/** An open sheet over a team of 120 unread members, each row an app's button. */
async function openSheetOfButtons() {
  const memberIds = Array.from({ length: 120 }, (_, index) => `member${index + 1}`);
  const { alice, message } = await teamWithMessage(world, { teamId: 't1', readers: 0, memberIds });
  return renderApp(
    <Providers engine={world.engineFor(alice)}>
      <ReceiptDetailSheet
        message={message}
        isOpen
        onClose={() => {}}
        renderMember={(member) => <button type="button">{member.name}</button>}
      />
    </Providers>,
  );
}

it('keeps a focused member row rendered while the member list scrolls away from it', async () => {
  const app = await openSheetOfButtons();
  const firstMember = await waitFor(() => {
    const button = document.querySelector<HTMLButtonElement>('.readmark-member button');
    expect(button).not.toBeNull();
    return button!;
  });
  firstMember.focus();
  const list = app.container.ownerDocument.querySelector<HTMLElement>('.readmark-sheet-list')!;
  list.scrollTop = list.scrollHeight;
  for (let i = 0; i < 4; i++) await nextFrame();
  expect(list.scrollTop).toBeGreaterThan(2000);
  expect(firstMember.isConnected).toBe(true);
  expect(document.activeElement).toBe(firstMember);
});

it('Tab from the scrolled member list goes to the first member control in view, not to one rendered above it', async () => {
  const app = await openSheetOfButtons();
  const list = await waitFor(() => {
    const region = app.container.ownerDocument.querySelector<HTMLElement>('.readmark-sheet-list');
    expect(region).not.toBeNull();
    return region!;
  });
  list.scrollTop = 2000;
  for (let i = 0; i < 4; i++) await nextFrame();
  const view = list.getBoundingClientRect();
  const inView = (element: Element) => {
    const box = element.getBoundingClientRect();
    return box.bottom > view.top && box.top < view.bottom;
  };
  const buttons = [...list.querySelectorAll('button')];
  // Rows kept rendered above the view (overscan) hold buttons too.
  expect(inView(buttons[0]!)).toBe(false);
  const firstInView = buttons.find(inView)!;
  const scrollTop = list.scrollTop;

  list.focus();
  await userEvent.tab();
  expect(document.activeElement).toBe(firstInView);
  expect(list.scrollTop).toBeGreaterThanOrEqual(scrollTop - 44);
});

it('Shift+Tab from after the member list goes to the last member control in view, and the list stays', async () => {
  // In a sheet that comes from round its top: where the browser keeps the focus in the page (Safari,
  // Chromium without a toolbar), Shift+Tab at the sheet's first control goes on at its last one.
  // Here an app's button after the list stands for it. The list starts without members (a search
  // that matched nobody), so its scroller comes later.
  const members = Array.from({ length: 120 }, (_, index) => ({
    accountId: `member${index + 1}`,
    name: `Member ${index + 1}`,
    isRead: false,
  }));
  const ui = (shown: typeof members) => (
    <>
      <MemberList
        members={shown}
        label="Unread"
        emptyText="No matching members"
        renderMember={(member) => <button type="button">{member.name}</button>}
      />
      <button type="button">After</button>
    </>
  );
  const app = renderApp(ui([]));
  app.rerender(ui(members));
  const list = app.container.querySelector<HTMLElement>('.readmark-sheet-list')!;
  list.scrollTop = 2000;
  for (let i = 0; i < 4; i++) await nextFrame();
  const view = list.getBoundingClientRect();
  const inView = (element: Element) => {
    const box = element.getBoundingClientRect();
    return box.bottom > view.top && box.top < view.bottom;
  };
  const buttons = [...list.querySelectorAll('button')];
  // Rows kept rendered below the view (overscan) hold buttons too.
  expect(inView(buttons.at(-1)!)).toBe(false);
  const lastInView = buttons.filter(inView).at(-1);
  const scrollTop = list.scrollTop;

  app.container.querySelector<HTMLElement>(':scope > button')!.focus();
  await userEvent.tab({ shift: true });
  expect(document.activeElement).toBe(lastInView);
  for (let i = 0; i < 3; i++) await nextFrame();
  expect(list.scrollTop).toBe(scrollTop);
});
