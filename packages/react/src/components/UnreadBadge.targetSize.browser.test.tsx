import { screen } from '@testing-library/dom';
import axe from 'axe-core';
import { expect, it } from 'vitest';
import '../styles.css';
import type { ReceiptLocale } from '../i18n/ReceiptStrings';
import { listWorldPerTest } from './listWorldPerTest.test';
import { Providers, renderApp, teamWithMessage } from './testWorld.test';
import { UnreadBadge } from './UnreadBadge';

/*
 * WCAG 2.5.8 (Target Size, Minimum) as axe-core checks it in Chromium. The clickable badge is drawn
 * about 17 px tall; its `::before` edge takes presses up to 24 px around its centre, but axe measures
 * the button's box, so it passes the badge by the rule's spacing exception: no other control within
 * the 24 px circle around the badge's centre, nor a small one's circle overlapping it. Controls kept
 * 4 px above and below it (7 px between two badges), as docs/theming.md asks, meet it; so do the
 * badge's own placements, under each message of a chat.
 */
const world = listWorldPerTest();

/** The results of axe-core's target-size rule (off by default) for every control in `root`. */
async function targetSize(root: Element) {
  const { violations, incomplete, passes } = await axe.run(root, {
    runOnly: { type: 'rule', values: ['target-size'] },
  });
  const nodes = (results: axe.Result[]) => results.flatMap((result) => result.nodes);
  return { violations: nodes(violations), incomplete: nodes(incomplete), passes: nodes(passes) };
}

it.each([
  ['en', 2, '10 unread of 12 members'],
  ['zh-CN', 12, '12人全部已读'],
] as const)(
  'under each of a chat’s messages, the clickable badge (%s) meets axe-core’s target size, by its spacing',
  async (locale: ReceiptLocale, readers, name) => {
    const { alice, message } = await teamWithMessage(world, { teamId: 't1', readers });
    const engine = world.engineFor(alice);
    const { container } = renderApp(
      <Providers engine={engine} locale={locale}>
        <div style={{ display: 'flex', flexDirection: 'column', gap: 4, padding: 16, width: 320 }}>
          {['Lunch?', 'At noon', 'Room 2'].map((text) => (
            <div key={text} style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
              <p style={{ margin: 0 }}>{text}</p>
              <UnreadBadge message={message} onOpen={() => {}} />
            </div>
          ))}
        </div>
      </Providers>,
    );
    const badges = await screen.findAllByRole('button', { name });
    expect(badges).toHaveLength(3);
    const { violations, incomplete, passes } = await targetSize(container);
    expect(violations).toEqual([]);
    expect(incomplete).toEqual([]);
    expect(passes.map((node) => node.target)).toHaveLength(3);
  },
);

it('the clickable badge meets it with the app’s controls 4 px beside, above and below it, and another badge 7 px below', async () => {
  const { alice, message } = await teamWithMessage(world, { teamId: 't1', readers: 2 });
  const control = (label: string) => (
    <button type="button" style={{ minWidth: 24, minHeight: 24, padding: 0 }}>
      {label}
    </button>
  );
  const { container } = renderApp(
    <Providers engine={world.engineFor(alice)}>
      <div style={{ display: 'flex', flexDirection: 'column', alignItems: 'start', padding: 16 }}>
        {control('Reply')}
        <div style={{ display: 'flex', gap: 4, margin: '4px 0' }}>
          <UnreadBadge message={message} onOpen={() => {}} />
          {control('More')}
        </div>
        {control('Forward')}
        <div style={{ marginTop: 4 }}>
          <UnreadBadge message={message} onOpen={() => {}} />
        </div>
        <div style={{ marginTop: 7 }}>
          <UnreadBadge message={message} onOpen={() => {}} />
        </div>
      </div>
    </Providers>,
  );
  expect(await screen.findAllByRole('button', { name: '10 unread of 12 members' })).toHaveLength(3);
  const { violations, incomplete } = await targetSize(container);
  expect(violations).toEqual([]);
  expect(incomplete).toEqual([]);
});
