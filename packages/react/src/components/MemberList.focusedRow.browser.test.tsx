import { waitFor } from '@testing-library/dom';
import { expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
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
