import { describe, expect, it } from 'vitest';
import { demoEn, demoZhCN, getDemoStrings } from './demoStrings';

// One options object that fits every function-valued string well enough to compare the outputs;
// functions of a string (a name, an excerpt) get one.
const sample = Object.assign(new String('Bob'), {
  name: 'Bob',
  device: 'laptop',
  memberCount: 150,
  calls: 3,
  items: 120,
});

function render(value: unknown): string {
  return typeof value === 'function'
    ? String((value as (arg: unknown) => string)(sample))
    : String(value);
}

describe('demo strings', () => {
  it('translates every piece of chrome (only the pane title, made of names, reads the same)', () => {
    const untranslated = (Object.keys(demoEn) as Array<keyof typeof demoEn>).filter(
      (key) => key !== 'paneTitle' && render(demoEn[key]) === render(demoZhCN[key]),
    );
    expect(untranslated).toEqual([]);
  });

  it('puts no space between Chinese and a Chinese name or a number, one beside a Latin name', () => {
    expect(demoZhCN.messageLabel('设计组（150人）')).toBe('发给设计组（150人）的消息');
    expect(demoZhCN.messageLabel('Alice')).toBe('发给 Alice 的消息');
    expect(demoZhCN.chatWith('陈晨')).toBe('与陈晨的会话');
    expect(demoZhCN.chatWith('Bob')).toBe('与 Bob 的会话');
    expect(demoZhCN.recalledPreview('张伟')).toBe('张伟撤回了一条消息');
    expect(demoZhCN.recalledPreview('Alice')).toBe('Alice 撤回了一条消息');
    expect(demoZhCN.sendMany(20)).toBe('发送20条消息');
    expect(demoZhCN.notSentCountAnnouncement(3)).toMatch(/^3条消息未发送。/);
    // Every other Chinese string: no space next to a Chinese character or full-width punctuation,
    // unless a Latin word or a digit is on the other side.
    const cjk = '[\\p{Script=Han}\\u3000-\\u303f\\uff00-\\uffef]';
    const stray = new RegExp(`${cjk} (?![A-Za-z0-9])|(?<![A-Za-z0-9]) ${cjk}`, 'u');
    for (const [key, value] of Object.entries(demoZhCN)) {
      expect(render(value), key).not.toMatch(stray);
    }
  });

  it('picks the table by locale', () => {
    expect(getDemoStrings('en').offline).toBe('Offline');
    expect(getDemoStrings('zh-CN').offline).toBe('离线');
    expect(demoZhCN.sendMany(20)).toBe('发送20条消息');
    expect(demoEn.callsCount({ calls: 2, items: 60 })).toBe('2 (60 msgs)');
    expect(demoEn.callsCount({ calls: 4, items: 0 })).toBe('4');
    expect(demoEn.callsCount({ calls: 1, items: 1 })).toBe('1 (1 msg)');
    expect(demoEn.notSentCountAnnouncement(3)).toMatch(/^3 messages not sent\. /);
  });
});
