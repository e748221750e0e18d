import { screen, waitFor, within } from '@testing-library/dom';
import { afterEach, describe, expect, it } from 'vitest';
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

/** Elements no payload may create inside `root`. */
const injected = (root: Element) =>
  root.querySelectorAll('script, img[src="x"], svg[onload], a[href^="javascript"]');

// Message text is rendered by the app's own `renderMessage`, never by the kit; what the kit renders
// from outside data is member names and account ids (the sheet and its announcements).
describe('hostile data renders as inert text', () => {
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
