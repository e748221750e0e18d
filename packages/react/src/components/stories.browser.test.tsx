import { screen, waitFor } from '@testing-library/dom';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as messageListStories from './MessageList.stories';
import * as readTickStories from './ReadTick.stories';
import * as sheetStories from './ReceiptDetailSheet.stories';
import { cleanupApps, renderApp } from './testWorld.test';
import * as badgeStories from './UnreadBadge.stories';

/** Until Storybook runs them, the stories are rendered here so they cannot silently break. */
type Story = { render: (args: { locale: 'en' | 'zh-CN' }) => ReactNode };
const render = (story: unknown, locale: 'en' | 'zh-CN' = 'en') =>
  renderApp((story as Story).render({ locale }));

beforeEach(() => {
  window.focus();
});
afterEach(() => cleanupApps());

describe('stories render', () => {
  it('ReadTick: every status, in both languages', async () => {
    render(readTickStories.States);
    await waitFor(() =>
      expect(screen.getAllByRole('img').map((tick) => tick.getAttribute('aria-label'))).toEqual([
        'Sending',
        'Sent',
        'Read',
        'Failed',
      ]),
    );
    cleanupApps();
    render(readTickStories.States, 'zh-CN');
    await waitFor(() => expect(screen.getAllByRole('img')).toHaveLength(4));
    expect(screen.getByRole('img', { name: '发送失败' })).toBeTruthy();
  });

  it('UnreadBadge: unread, all read, unavailable', async () => {
    render(badgeStories.Unread);
    expect(
      await screen.findByRole('button', { name: '3 of 12 members have not read' }),
    ).toBeTruthy();
    cleanupApps();
    render(badgeStories.AllRead);
    expect(await screen.findByRole('button', { name: 'All 12 members have read' })).toBeTruthy();
    cleanupApps();
    render(badgeStories.Unavailable);
    expect(await screen.findByText('Read receipts unavailable')).toBeTruthy();
  });

  it('ReceiptDetailSheet: live sheet opens with 150 unread members; error story offers retry', async () => {
    render(sheetStories.Live);
    expect(
      await screen.findByRole('tab', { name: 'Unread (150)' }, { timeout: 3000 }),
    ).toBeTruthy();
    cleanupApps();
    render(sheetStories.ErrorAndRetry);
    expect(await screen.findByRole('button', { name: 'Retry' })).toBeTruthy();
  });

  it('MessageList: both panes render', async () => {
    render(messageListStories.Chat);
    await waitFor(
      () => expect(screen.getAllByRole('region', { name: 'Messages' })).toHaveLength(2),
      {
        timeout: 3000,
      },
    );
  });
});
