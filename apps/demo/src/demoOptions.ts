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
};

function readInteger(value: string | null, fallback: number, min: number, max: number): number {
  if (value === null || value.trim() === '') return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed)) return fallback;
  return Math.min(max, Math.max(min, Math.round(parsed)));
}

/**
 * Parses the demo's query string. Unknown or malformed values fall back to the defaults, so a typo
 * never breaks the page. `readerDelay` takes `min-max` or one number for both bounds.
 */
export function parseDemoOptions(search: string): DemoOptions {
  const params = new URLSearchParams(search);
  let readerMinDelayMs = defaults.readerMinDelayMs;
  let readerMaxDelayMs = defaults.readerMaxDelayMs;
  const delay = params.get('readerDelay');
  if (delay !== null) {
    const [low, high] = delay.split('-');
    readerMinDelayMs = readInteger(low ?? null, readerMinDelayMs, 0, 600_000);
    readerMaxDelayMs = readInteger(high ?? low ?? null, readerMinDelayMs, 0, 600_000);
    if (readerMaxDelayMs < readerMinDelayMs) readerMaxDelayMs = readerMinDelayMs;
  }
  const lang = params.get('lang');
  return {
    latencyMs: readInteger(params.get('latency'), defaults.latencyMs, 0, 10_000),
    readerMinDelayMs,
    readerMaxDelayMs,
    seed: readInteger(params.get('seed'), defaults.seed, 0, 2 ** 31 - 1),
    teamSize: readInteger(params.get('teamSize'), defaults.teamSize, 2, 250),
    isSimulationRunning: params.get('readers') !== 'off',
    locale: lang === 'zh-CN' || lang === 'zh' ? 'zh-CN' : defaults.locale,
    tab: params.get('tab') === 'team' ? 'team' : defaults.tab,
  };
}
