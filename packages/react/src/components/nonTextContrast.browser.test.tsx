import { screen, within } from '@testing-library/dom';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import '../styles.css';
import { contrastRatio } from '../../../../scripts/contrastRatio';
import {
  BadgeOpensSheet,
  cleanupApps,
  createWorld,
  Providers,
  renderApp,
  teamWithMessage,
  type World,
} from './testWorld.test';

/*
 * WCAG 1.4.11 Non-text Contrast: what identifies a control must stand out at 3:1 from what is next
 * to it, in both themes.
 */

let world: World;
beforeEach(() => {
  window.focus();
});
afterEach(() => {
  cleanupApps();
  world?.dispose();
});

for (const theme of ['light', 'dark'] as const) {
  it(`the sheet's search box has an edge that stands out at 3:1 (${theme})`, async () => {
    world = createWorld();
    const { alice, message } = await teamWithMessage(world, { teamId: 't1', readers: 2 });
    renderApp(
      <Providers engine={world.engineFor(alice)}>
        <div data-theme={theme}>
          <BadgeOpensSheet message={message} />
        </div>
      </Providers>,
    );
    const badge = await screen.findByRole('button', { name: '10 unread of 12 members' });
    badge.focus();
    await userEvent.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog');
    const search = within(dialog).getByRole('searchbox', { name: 'Search members' });
    // Once the user types, the placeholder is gone and the edge is all that shows the field.
    const edge = getComputedStyle(search).borderTopColor;
    expect(contrastRatio(edge, getComputedStyle(dialog).backgroundColor)).toBeGreaterThanOrEqual(3);
    expect(contrastRatio(edge, getComputedStyle(search).backgroundColor)).toBeGreaterThanOrEqual(3);
  });
}

it("the selected tab's underline lies on the tab bar's divider, not a line above it", async () => {
  world = createWorld();
  const { alice, message } = await teamWithMessage(world, { teamId: 't1', readers: 2 });
  renderApp(
    <Providers engine={world.engineFor(alice)}>
      <BadgeOpensSheet message={message} />
    </Providers>,
  );
  await userEvent.click(await screen.findByRole('button', { name: '10 unread of 12 members' }));
  const dialog = await screen.findByRole('dialog');
  const bar = within(dialog).getByRole('tablist').getBoundingClientRect();
  // The accent underline was drawn 1 px above the grey divider, which ran on under it: two lines.
  for (const tab of within(dialog).getAllByRole('tab')) {
    expect(tab.getBoundingClientRect().bottom, tab.textContent ?? '').toBe(bar.bottom);
  }
});
