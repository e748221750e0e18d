import type { ReceiptEngine, ReceiptMessage } from '@readmark/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import type { CSSProperties, ReactNode } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import type { ReceiptLocale } from '../i18n/ReceiptStrings';
import { ReadTick } from './ReadTick';
import {
  BadgeOpensSheet,
  Providers,
  storyLocale,
  teamWithMessage,
  useWorld,
} from './testWorld.test';

/**
 * Theming: the `--readmark-*` variables of styles.css in light and dark, overridden by an app, and
 * components styled entirely with an app's own classes. See docs/theming.md.
 */
const meta = { title: 'Guides/Theming' } satisfies Meta;
export default meta;
type Story = StoryObj;

/**
 * An unread team message (9 of 12 read) and an all-read one, each with its tick and a badge that
 * opens the member sheet (themed by the same variables).
 */
function Messages({
  engine,
  messages,
  locale,
  badgeClassName,
  tickClassName,
}: {
  engine: ReceiptEngine;
  messages: ReceiptMessage[];
  locale: ReceiptLocale;
  badgeClassName?: string;
  tickClassName?: string;
}) {
  return (
    <Providers engine={engine} locale={locale}>
      {messages.map((message) => (
        <div
          key={message.messageClientId}
          // 8 px apart: the badges' 24 px circles must not touch (WCAG 2.5.8, which axe checks).
          style={{ margin: '8px 0' }}
        >
          {(message as { text?: string }).text}{' '}
          <ReadTick message={message} className={tickClassName} />{' '}
          <BadgeOpensSheet message={message} className={badgeClassName} />
        </div>
      ))}
    </Providers>
  );
}

function TeamMessages({
  children,
}: {
  children: (props: { engine: ReceiptEngine; messages: ReceiptMessage[] }) => ReactNode;
}) {
  const ready = useWorld(async (world) => {
    const unread = await teamWithMessage(world, { teamId: 't1', readers: 9, text: 'Lunch?' });
    const allRead = await teamWithMessage(world, { teamId: 't2', readers: 12, text: 'Done!' });
    return { engine: world.engineFor(unread.alice), messages: [unread.message, allRead.message] };
  });
  return ready ? children(ready) : null;
}

/** Waits until `count` badges show their counts (not loading) and returns them. */
async function loadedBadges(canvasElement: HTMLElement, count: number) {
  const selector = '.readmark-badge[data-status="unread"], .readmark-badge[data-status="all-read"]';
  await waitFor(() => expect(canvasElement.querySelectorAll(selector)).toHaveLength(count));
  return [...canvasElement.querySelectorAll(selector)];
}

const panel: CSSProperties = {
  padding: 12,
  borderRadius: 8,
  color: 'var(--readmark-text)',
  background: 'var(--readmark-surface)',
  border: '1px solid var(--readmark-border)',
};

/** "Show code" of each story: how an app themes the components. */
/** The variables the "Custom variables" story sets, shown as they are in its code. */
const customVariables = {
  '--readmark-badge-bg': '#fde8e8',
  '--readmark-badge-text': '#9b1c1c',
  '--readmark-badge-all-read-bg': '#e1effe',
  '--readmark-badge-all-read-text': '#1e429f',
  '--readmark-tick-sent': '#6b21a8',
  '--readmark-radius': '4px',
  '--readmark-font-size': '0.875rem',
};

const themingUsage = {
  lightAndDark: `import { ReadTick, UnreadBadge } from '@readmark/react';
import '@readmark/react/styles.css';

// Dark follows the system setting (prefers-color-scheme: dark), or data-theme on any ancestor:
// <html data-theme="dark"> for the whole app, data-theme="light" for a light island in it.
<div data-theme="dark">
  <ReadTick message={message} /> <UnreadBadge message={message} onOpen={openSheet} />
</div>`,
  customVariables: `import { ReadTick, UnreadBadge } from '@readmark/react';
import '@readmark/react/styles.css';

// Override any --readmark-* variable on :root or any ancestor (in your CSS, or inline):
<div
  style={{
${Object.entries(customVariables)
  .map(([name, value]) => `    '${name}': '${value}',`)
  .join('\n')}
  }}
>
  <ReadTick message={message} /> <UnreadBadge message={message} onOpen={openSheet} />
</div>`,
  ownClasses: `// app.css: the kit's rules sit in :where() (at most two element types), so one class of yours wins
// .app-badge { border: 1px dashed currentColor; color: #7c2d12; background: #ffedd5; }
// .app-badge[data-status="all-read"] { color: #14532d; background: #dcfce7; }
// .app-tick { color: #7c2d12; }

<ReadTick message={message} className="app-tick" />
<UnreadBadge message={message} onOpen={openSheet} className="app-badge" />`,
};

/**
 * The default light and dark variables side by side (`data-theme` on an ancestor); a badge in the
 * dark panel opens a dark sheet.
 */
export const LightAndDark: Story = {
  parameters: { docs: { source: { code: themingUsage.lightAndDark } } },
  render: (_args, { globals }) => (
    <TeamMessages>
      {(props) => (
        <div style={{ display: 'flex', gap: 16 }}>
          <div data-theme="light" style={panel}>
            <Messages {...props} locale={storyLocale(globals)} />
          </div>
          <div data-theme="dark" style={panel}>
            <Messages {...props} locale={storyLocale(globals)} />
          </div>
        </div>
      )}
    </TeamMessages>
  ),
  play: async ({ canvasElement }) => {
    const [light, , dark] = await loadedBadges(canvasElement, 4);
    await expect(getComputedStyle(light!).backgroundColor).toBe('rgb(221, 244, 255)');
    await expect(getComputedStyle(dark!).backgroundColor).toBe('rgb(12, 45, 107)');
    // The sheet takes its theme from the badge's panel too.
    await userEvent.click(dark as HTMLElement);
    const sheet = await within(canvasElement).findByRole('dialog');
    await expect(getComputedStyle(sheet).backgroundColor).toBe('rgb(13, 17, 23)');
    await userEvent.click(within(sheet).getByRole('button', { name: /^(Close|关闭)$/ }));
    await waitFor(() => expect(within(canvasElement).queryByRole('dialog')).toBeNull());
  },
};

/** An app's brand: a few variables overridden on a wrapper (they work on any ancestor or `:root`). */
export const CustomVariables: Story = {
  parameters: { docs: { source: { code: themingUsage.customVariables } } },
  render: (_args, { globals }) => (
    <TeamMessages>
      {(props) => (
        <div style={customVariables as CSSProperties}>
          <Messages {...props} locale={storyLocale(globals)} />
        </div>
      )}
    </TeamMessages>
  ),
  play: async ({ canvasElement }) => {
    const [badge] = await loadedBadges(canvasElement, 2);
    await expect(getComputedStyle(badge!).backgroundColor).toBe('rgb(253, 232, 232)');
    await expect(getComputedStyle(badge!).borderTopLeftRadius).toBe('4px');
  },
};

const ownClasses = `
.app-badge { all: unset; display: inline-flex; align-items: center; gap: 4px; cursor: pointer;
  font: 600 13px/1.4 system-ui; padding: 2px 8px; border: 1px dashed currentColor;
  border-radius: 2px; color: #7c2d12; background: #ffedd5; }
.app-badge[data-status="all-read"] { color: #14532d; background: #dcfce7; }
.app-badge:focus-visible { outline: 3px solid #7c2d12; outline-offset: 2px; }
.app-tick { color: #7c2d12; }
`;

/**
 * Components styled only by the app's own classes through `className`, keyed on `data-status`.
 * The kit's rules sit in `:where()` (no class counts), so these win even with styles.css loaded; apps
 * that skip styles.css get the same result with nothing to override.
 */
export const OwnClasses: Story = {
  parameters: { docs: { source: { code: themingUsage.ownClasses } } },
  render: (_args, { globals }) => (
    <TeamMessages>
      {(props) => (
        <div>
          <style>{ownClasses}</style>
          <Messages
            {...props}
            locale={storyLocale(globals)}
            badgeClassName="app-badge"
            tickClassName="app-tick"
          />
        </div>
      )}
    </TeamMessages>
  ),
  play: async ({ canvasElement, globals }) => {
    const canvas = within(canvasElement);
    const name = storyLocale(globals) === 'en' ? '3 unread of 12 members' : '12人中3人未读';
    const badge = await canvas.findByRole('button', { name });
    await expect(badge).toHaveClass('readmark-badge', 'app-badge');
    await expect(getComputedStyle(badge).backgroundColor).toBe('rgb(255, 237, 213)');
    await expect(getComputedStyle(badge).borderTopStyle).toBe('dashed');
    // The read pie sits beside the words, centred on them, not touching them and raised above them
    // (`all: unset` makes the badge inline: the app lays its content out again).
    const pie = badge.querySelector('svg')!.getBoundingClientRect();
    const words = document.createRange();
    words.selectNodeContents(badge.lastChild!);
    const text = words.getBoundingClientRect();
    await expect(text.left - pie.right).toBeGreaterThanOrEqual(3);
    await expect(Math.abs(pie.top + pie.height / 2 - (text.top + text.height / 2))).toBeLessThan(
      1.5,
    );
  },
};
