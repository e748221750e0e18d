import { expect, type Locator, type Page } from '@playwright/test';

/** A device pane of the demo, found by its region name ("Alice", "Bob · laptop", …). */
export function pane(page: Page, name: string): Locator {
  return page.getByRole('region', { name, exact: true });
}

/** The bubble of one message in a pane, found by its exact text ("Note #1" is not "Note #10"). */
export function bubble(scope: Locator, text: string): Locator {
  return scope
    .locator('.demo-message')
    .filter({ has: scope.page().getByText(text, { exact: true }) });
}

/**
 * Scrolls a pane's message list to the top or bottom the way a user's wheel would: it changes the
 * scroll position of the list's scroll container, which then decides what is visible.
 */
export async function scrollChat(scope: Locator, where: 'top' | 'bottom'): Promise<void> {
  await scope.locator('.demo-chat').evaluate((chat, position) => {
    const scrollers = [chat, ...chat.querySelectorAll<HTMLElement>('*')].filter(
      (element) =>
        element.scrollHeight > element.clientHeight + 1 &&
        getComputedStyle(element).overflowY !== 'visible' &&
        getComputedStyle(element).overflowY !== 'hidden',
    );
    for (const element of scrollers) {
      element.scrollTop = position === 'top' ? 0 : element.scrollHeight;
      element.dispatchEvent(new Event('scroll'));
    }
  }, where);
}

/** Sends one message from a pane's composer. */
export async function sendMessage(scope: Locator, text: string): Promise<void> {
  const box = scope.getByRole('textbox');
  await box.fill(text);
  await box.press('Enter');
  await expect(bubble(scope, text)).toBeVisible();
}

/**
 * Alice sends a burst of 20 messages ("<text> #1" … "<text> #20") to Bob and waits until the newest
 * shows Read: Bob's devices, at the end of the chat, have all shown it. On a small screen, where
 * the panes are stacked and Bob's list is not in the window (so he sees nothing), give `reader`:
 * his pane's list is brought into the window once the burst is sent.
 */
export async function sendBurstReadByBob(
  alice: Locator,
  text: string,
  reader?: Locator,
): Promise<void> {
  await alice.getByRole('textbox').fill(text);
  await alice.getByRole('button', { name: 'Send 20 messages' }).click();
  await reader
    ?.locator('.readmark-message-scroller')
    .evaluate((scroller) => scroller.scrollIntoView({ block: 'center' }));
  await expect(
    bubble(alice, `${text} #20`).getByRole('img', { name: 'Read', exact: true }),
  ).toBeVisible();
}

/** Reads a transport call tally from the call panel: calls, and messages carried ("3 (120 msgs)"). */
export async function callTally(
  page: Page,
  options: { method: string; device: string },
): Promise<{ calls: number; items: number }> {
  const panel = page.getByRole('region', { name: /Transport calls|传输调用/ });
  const headers = await panel.getByRole('columnheader').allTextContents();
  const column = headers.indexOf(options.device);
  if (column < 0) throw new Error(`no column ${options.device} in ${headers.join(', ')}`);
  const row = panel
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: options.method }) });
  const text =
    (await row
      .getByRole('cell')
      .nth(column - 1)
      .textContent()) ?? '';
  const [calls = Number.NaN, items = 0] = (text.match(/\d+/g) ?? []).map(Number);
  return { calls, items };
}

/** Reads how many times a device called a transport method, from the call panel. */
export async function callCount(page: Page, options: { method: string; device: string }) {
  return (await callTally(page, options)).calls;
}

/**
 * Reads transport call tallies once they have stopped changing: the same over `quietMs`, well over
 * the engine's read dwell plus flush window (300 + 300 ms). Call it once the counted work has visibly
 * happened (e.g. the last receipt arrived), so a pause before the first call cannot pass for settled;
 * counts taken mid-burst would compare calls with a part of the messages.
 */
export async function settledCallTallies(
  page: Page,
  options: ReadonlyArray<{ method: string; device: string }>,
  quietMs = 1_500,
): Promise<Array<{ calls: number; items: number }>> {
  const read = () => Promise.all(options.map((option) => callTally(page, option)));
  let last = await read();
  await expect
    .poll(
      async () => {
        await page.waitForTimeout(quietMs);
        const next = await read();
        const isSame = JSON.stringify(next) === JSON.stringify(last);
        last = next;
        return isSame;
      },
      { message: 'the call tallies stop changing', intervals: [0], timeout: 30_000 },
    )
    .toBe(true);
  return last;
}

/** The kit's message list of a pane; `data-at-end` says whether it shows the newest message. */
export function messageList(scope: Locator): Locator {
  return scope.locator('.readmark-message-list');
}

/**
 * How many messages whose text matches `pattern` are at least half inside a pane's list viewport
 * (as the kit counts a row seen), read in one layout.
 */
export async function messagesInView(scope: Locator, pattern: RegExp): Promise<number> {
  return scope.locator('.readmark-message-scroller').evaluate(
    (scroller, { source, flags }) => {
      const matcher = new RegExp(source, flags);
      const view = scroller.getBoundingClientRect();
      return [...scroller.querySelectorAll('.demo-message')].filter((row) => {
        const box = row.getBoundingClientRect();
        const inside = Math.min(box.bottom, view.bottom) - Math.max(box.top, view.top);
        return (
          matcher.test(row.querySelector('.demo-text')?.textContent ?? '') &&
          inside >= box.height / 2
        );
      }).length;
    },
    { source: pattern.source, flags: pattern.flags },
  );
}
