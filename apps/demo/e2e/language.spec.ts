import { expect, test } from '@playwright/test';
import { bubble, pane, sendMessage } from './helpers';

test('switching to 简体中文 translates the demo and the kit', async ({ page }) => {
  await page.goto('/?latency=0');
  await page.getByLabel('Language').selectOption('zh-CN');

  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page).toHaveTitle('Readmark 演示');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Readmark 演示');
  await expect(page.getByRole('tab', { name: '单聊' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tab', { name: '群聊' })).toBeVisible();
  await expect(page.getByLabel('语言')).toBeVisible();

  const laptop = pane(page, 'Bob · 笔记本');
  await expect(laptop.getByRole('switch', { name: '离线' })).toBeVisible();
  await expect(laptop.getByRole('textbox', { name: '发给 Alice 的消息' })).toBeVisible();
  await expect(page.getByRole('button', { name: '发送20条消息' }).first()).toBeVisible();

  const alice = pane(page, 'Alice');
  await sendMessage(alice, '你好');
  await expect(bubble(alice, '你好').getByRole('img', { name: '已读', exact: true })).toBeVisible();

  await page.getByRole('tab', { name: '群聊' }).click();
  await expect(page.getByRole('switch', { name: '模拟成员阅读' })).toBeVisible();
  const teamAlice = pane(page, 'Alice');
  // No stray spaces around the Chinese team name.
  await expect(
    teamAlice.getByRole('textbox', { name: '发给设计组（150人）的消息', exact: true }),
  ).toBeVisible();
  await expect(teamAlice.getByRole('checkbox', { name: '请求已读回执' })).toBeChecked();
  await sendMessage(teamAlice, '设计评审');
  // The kit's badge speaks Chinese too: "N人未读" visibly, and its name gives N and the 149 members.
  await expect(bubble(teamAlice, '设计评审').getByRole('button')).toHaveAccessibleName(
    /^(?=.*\d+人未读)(?=.*149人)/,
  );
  await expect(bubble(teamAlice, '设计评审').getByRole('button')).toHaveText(/^\d+人未读$/);
});
