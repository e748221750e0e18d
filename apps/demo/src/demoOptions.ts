import type { DemoLocale } from './i18n/demoStrings';

/** Settings read from the query string, so end-to-end tests can make the simulation predictable. */
export interface DemoOptions {
  /** Memory-server delivery latency in ms (`?latency=0`). */
  latencyMs: number;
  /** Simulated team readers wait between these bounds before reading (`?readerDelay=500-4000`). */
  readerMinDelayMs: number;
  readerMaxDelayMs: number;
  /** Seed of the simulated readers' random order and delays (`?seed=7`). */
  seed: number;
  /** Members in the demo team, the sender included (`?teamSize=150`, at most 200 for receipts). */
  teamSize: number;
  /** Whether simulated members start reading right away (`?readers=off` starts them paused). */
  isSimulationRunning: boolean;
  /** Initial language (`?lang=zh-CN`). */
  locale: DemoLocale;
  /** Initial tab (`?tab=team`). */
  tab: DemoTab;
  /**
   * How many member-detail queries fail first with the server's 503 (`?detailFailures=3`), to see
   * the receipt sheet say it is trying again, and its Retry.
   */
  detailFailures: number;
}

/** The demo's two tabs. */
export type DemoTab = 'p2p' | 'team';

const defaults: DemoOptions = {
  latencyMs: 80,
  readerMinDelayMs: 800,
  readerMaxDelayMs: 8000,
  seed: 1,
  teamSize: 150,
  isSimulationRunning: true,
  locale: 'en',
  tab: 'p2p',
  detailFailures: 0,
};

function readInteger(value: string | null, fallback: number, min: number, max: number): number {
  if (value === null || value.trim() === '') return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed)) return fallback;
  return Math.min(max, Math.max(min, Math.round(parsed)));
}

const maxReaderDelayMs = 600_000;

/**
 * `readerDelay`: `min-max` in whole milliseconds, or one number for both bounds, each clamped to 10
 * minutes. Anything else, an inverted range (`3000-100`) included, gives the default range.
 */
function readReaderDelay(value: string | null): { min: number; max: number } {
  const fallback = { min: defaults.readerMinDelayMs, max: defaults.readerMaxDelayMs };
  const match = value === null ? null : /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(value);
  if (!match?.[1]) return fallback;
  const min = Math.min(maxReaderDelayMs, Number(match[1]));
  const max = Math.min(maxReaderDelayMs, Number(match[2] ?? match[1]));
  return min <= max ? { min, max } : fallback;
}

/**
 * Parses the demo's query string. Unknown or malformed values fall back to the defaults, so a typo
 * never breaks the page. `readerDelay` takes `min-max` or one number for both bounds.
 */
export function parseDemoOptions(search: string): DemoOptions {
  const params = new URLSearchParams(search);
  const readerDelay = readReaderDelay(params.get('readerDelay'));
  const lang = params.get('lang');
  return {
    latencyMs: readInteger(params.get('latency'), defaults.latencyMs, 0, 10_000),
    readerMinDelayMs: readerDelay.min,
    readerMaxDelayMs: readerDelay.max,
    seed: readInteger(params.get('seed'), defaults.seed, 0, 2 ** 31 - 1),
    teamSize: readInteger(params.get('teamSize'), defaults.teamSize, 2, 250),
    isSimulationRunning: params.get('readers') !== 'off',
    locale: lang === 'zh-CN' || lang === 'zh' ? 'zh-CN' : defaults.locale,
    tab: params.get('tab') === 'team' ? 'team' : defaults.tab,
    detailFailures: readInteger(params.get('detailFailures'), defaults.detailFailures, 0, 1_000),
  };
}
