import { describe, expect, it } from 'vitest';
import { demoEn, demoZhCN, getDemoStrings } from './demoStrings';

// One options object that fits every function-valued string well enough to compare the outputs.
const sample = { name: 'Bob', device: 'laptop', memberCount: 150, calls: 3, items: 120 };

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

  it('picks the table by locale', () => {
    expect(getDemoStrings('en').offline).toBe('Offline');
    expect(getDemoStrings('zh-CN').offline).toBe('离线');
    expect(demoZhCN.sendMany(20)).toBe('发送 20 条消息');
    expect(demoEn.callsCount({ calls: 2, items: 60 })).toBe('2 (60 msgs)');
    expect(demoEn.callsCount({ calls: 4, items: 0 })).toBe('4');
  });
});
