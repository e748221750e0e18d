import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright';
import { chromiumArgs, chromiumPath } from '../../../../scripts/chromium';
import type { ScenarioName } from '../page/scenarios';
import type { BenchResult } from './BenchResult';
import { buildResults, type SizeEntry, type Spec, specs } from './metrics';
import { nodeSpecs } from './nodeBench';
import { formatTable, updateBenchmarksDoc } from './report';
import { serveStatic } from './staticServer';

/** Flags on top of the project's headless set (scripts/chromium.ts), all from issue 5. */
const BENCH_ARGS = [
  // Frames as fast as the work allows, so frame times measure work, not vsync.
  '--disable-frame-rate-limit',
  '--disable-gpu-vsync',
  // performance.measureUserAgentSpecificMemory() answers at once instead of at the next GC.
  '--enable-blink-features=ForceEagerMeasureMemory',
  '--js-flags=--expose-gc',
];

/** Opens a fresh page, runs one scenario in it and closes it (no state leaks between runs). */
async function runInPage(browser: Browser, url: string, spec: Spec): Promise<object> {
  const page = await browser.newPage({ viewport: { width: 800, height: 700 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  try {
    await page.goto(url);
    await page.waitForFunction(() => document.documentElement.dataset.benchReady === 'true');
    await page.bringToFront();
    return await page.evaluate(
      async ([name, options]) => {
        window.focus();
        const bench = (
          window as unknown as { readmarkBench: Record<string, (o: unknown) => unknown> }
        ).readmarkBench;
        return (await bench[name as string]!(options)) as object;
      },
      [spec.scenario, spec.options] as [ScenarioName, unknown],
    );
  } catch (error) {
    throw new Error(
      `${spec.key}: ${String(error)}${errors.length ? `\npage errors: ${errors.join('\n')}` : ''}`,
    );
  } finally {
    await page.close();
  }
}

/**
 * Runs every benchmark: each repetition runs every variant once (kit and baseline back to back, the
 * order reversed on odd repetitions), so slow phases of this shared machine hit both sides alike.
 */
export async function main({
  benchDir,
  repetitions,
  only,
  isFromRaw = false,
}: {
  benchDir: string;
  repetitions: number;
  only?: string[];
  /** Recompute results.json and the table from results.raw.json instead of running. */
  isFromRaw?: boolean;
}): Promise<BenchResult[]> {
  const selected = (list: Spec[]) =>
    only ? list.filter((spec) => only.some((prefix) => spec.key.startsWith(prefix))) : list;
  const browserSpecs = selected(specs);
  const nodeOnly = selected(nodeSpecs);
  const rawPath = join(benchDir, 'results.raw.json');
  if (isFromRaw) {
    const raw = JSON.parse(readFileSync(rawPath, 'utf8')) as Record<string, object[]>;
    const runs = new Map(Object.entries(raw));
    const count = Math.min(...[...runs.values()].map((list) => list.length));
    // The table is stamped with when the numbers were measured, not when they were recomputed.
    const ranAt = statSync(rawPath).mtime;
    return report({ benchDir, runs, repetitions: count, only, ranAt });
  }
  const runs = new Map<string, object[]>();
  const server = await serveStatic(join(benchDir, 'dist'));
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [...chromiumArgs, ...BENCH_ARGS],
  });
  try {
    for (let repetition = 0; repetition < repetitions; repetition++) {
      const order = repetition % 2 === 0 ? browserSpecs : [...browserSpecs].reverse();
      for (const spec of order) {
        process.stdout.write(`  rep ${repetition + 1}/${repetitions} ${spec.key}\r`);
        const outcome = await runInPage(browser, server.url, spec);
        runs.set(spec.key, [...(runs.get(spec.key) ?? []), outcome]);
      }
      const nodeOrder = repetition % 2 === 0 ? nodeOnly : [...nodeOnly].reverse();
      // Chromium keeps working for a moment after a page closes (teardown, collection); on this
      // 2-core machine that landed in the next Node run (n2 at 1,000 stored: 0.8 to 5.6 ms).
      if (nodeOrder.length > 0) await new Promise((resolve) => setTimeout(resolve, 1000));
      for (const spec of nodeOrder) {
        const outcome = await spec.run!();
        runs.set(spec.key, [...(runs.get(spec.key) ?? []), outcome]);
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  process.stdout.write('\n');
  // Every repetition's raw numbers, for anyone checking a median (not committed). Only a full run
  // writes them: they are what the published table is recomputed from (`--from-raw`).
  if (!only) writeFileSync(rawPath, `${JSON.stringify(Object.fromEntries(runs), null, 2)}\n`);
  return report({ benchDir, runs, repetitions, only, ranAt: new Date() });
}

/** Writes results.json, prints the table and, for full runs, updates BENCHMARKS.md. */
function report({
  benchDir,
  runs,
  repetitions,
  only,
  ranAt,
}: {
  benchDir: string;
  runs: Map<string, object[]>;
  repetitions: number;
  only?: string[];
  ranAt: Date;
}): BenchResult[] {
  // Metric 7 is deterministic: measured once, by the same script CI runs (`npm run size`), which
  // exits 1 over budget; the measurements are on stdout either way.
  const includeSizes = !only || only.some((prefix) => prefix.startsWith('m7'));
  const sizes: SizeEntry[] = includeSizes
    ? JSON.parse(
        spawnSync(process.execPath, [join(benchDir, 'size.mjs'), '--json'], {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'inherit'],
        }).stdout,
      )
    : [];
  const results = buildResults(runs, sizes);
  console.log(formatTable(results));
  // Only a full run replaces the published results; a partial one (--only) just prints its table.
  if (only) return results;
  writeFileSync(join(benchDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  updateBenchmarksDoc(join(benchDir, '../../BENCHMARKS.md'), results, repetitions, ranAt);
  return results;
}
