import { describe, expect, it } from 'vitest';
import { parseDemoOptions } from './demoOptions';

describe('parseDemoOptions', () => {
  it('gives the defaults for an empty query string', () => {
    expect(parseDemoOptions('')).toEqual({
      latencyMs: 80,
      readerMinDelayMs: 800,
      readerMaxDelayMs: 8000,
      seed: 1,
      teamSize: 150,
      isSimulationRunning: true,
      locale: 'en',
      tab: 'p2p',
      detailFailures: 0,
    });
  });

  it('reads every option the e2e tests use', () => {
    expect(
      parseDemoOptions(
        '?latency=0&readerDelay=1000-6000&seed=7&teamSize=12&readers=off&lang=zh-CN&tab=team&detailFailures=2',
      ),
    ).toEqual({
      latencyMs: 0,
      readerMinDelayMs: 1000,
      readerMaxDelayMs: 6000,
      seed: 7,
      teamSize: 12,
      isSimulationRunning: false,
      locale: 'zh-CN',
      tab: 'team',
      detailFailures: 2,
    });
  });

  it('takes one reader delay for both bounds', () => {
    const single = parseDemoOptions('?readerDelay=500');
    expect([single.readerMinDelayMs, single.readerMaxDelayMs]).toEqual([500, 500]);
    const zero = parseDemoOptions('?readerDelay=0-0');
    expect([zero.readerMinDelayMs, zero.readerMaxDelayMs]).toEqual([0, 0]);
  });

  it.each([
    'abc',
    '',
    '-',
    '3000-100',
    '900-100',
    'abc-5000',
    '500-abc',
    '500-',
    '-500',
    '1-2-3',
    '1.5-3',
    '1e3',
    '500–4000',
  ])('falls back to the default reader delay range for readerDelay=%j', (value) => {
    const options = parseDemoOptions(`?readerDelay=${encodeURIComponent(value)}`);
    expect([options.readerMinDelayMs, options.readerMaxDelayMs]).toEqual([800, 8000]);
  });

  it('clamps reader delays to ten minutes', () => {
    const options = parseDemoOptions('?readerDelay=700000-900000');
    expect([options.readerMinDelayMs, options.readerMaxDelayMs]).toEqual([600_000, 600_000]);
    const high = parseDemoOptions('?readerDelay=100-900000');
    expect([high.readerMinDelayMs, high.readerMaxDelayMs]).toEqual([100, 600_000]);
  });

  it('falls back or clamps instead of breaking on bad values', () => {
    const options = parseDemoOptions('?latency=abc&teamSize=1&seed=-5&lang=fr&tab=nope');
    expect(options.latencyMs).toBe(80);
    expect(options.teamSize).toBe(2);
    expect(options.seed).toBe(0);
    expect(options.locale).toBe('en');
    expect(options.tab).toBe('p2p');
  });
});
