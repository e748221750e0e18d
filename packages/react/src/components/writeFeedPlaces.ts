/**
 * Writes each mounted row's place in `MessageList`'s feed, `aria-posinset` (its `data-index` after
 * `firstPosition - 1` others) and `aria-setsize`, where it is new. Written here, after each commit
 * of the rows, not rendered by each row: every new message changes the size, which re-rendered
 * every mounted row. (No row is rendered on the server, where the virtualizer has no viewport.)
 */
export function writeFeedPlaces(
  /** The element whose children are the rows. */
  rows: Element | null,
  firstPosition: number,
  setSize: number,
): void {
  for (const row of rows?.children ?? []) {
    write(row, 'aria-posinset', firstPosition + Number((row as HTMLElement).dataset.index));
    write(row, 'aria-setsize', setSize);
  }
}

/** Only a new value: a write of the same one still notifies observers and assistive tech. */
function write(row: Element, name: string, value: number) {
  if (row.getAttribute(name) !== `${value}`) row.setAttribute(name, `${value}`);
}
