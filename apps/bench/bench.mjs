#!/usr/bin/env node
// `pnpm bench` / `npm run bench`: builds the bench page (Vite, production) and the Node harness, then
// runs every benchmark in Node and in Debian's headless Chromium and writes apps/bench/results.json.
// Options: --reps N (default 5, at least 5 for published numbers); --only m1,m3 (prefix filter:
// prints its table only, results.json and the BENCHMARKS.md table are rewritten by full runs);
// --from-raw (recompute results.json and the table from results.raw.json without running).
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const benchDir = dirname(fileURLToPath(import.meta.url));
const argument = (name) => {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
};
const repetitions = Number(argument('--reps') ?? 5);
const only = argument('--only')?.split(',');
const isFromRaw = process.argv.includes('--from-raw');

const { build } = await import('vite');
console.log('› Building the bench page (production)…');
await build({ configFile: join(benchDir, 'vite.config.ts'), logLevel: 'warn' });
console.log('› Building the Node harness…');
await build({
  configFile: false,
  root: benchDir,
  logLevel: 'warn',
  resolve: { conditions: ['@readmark/source', 'module', 'node', 'import', 'default'] },
  ssr: {
    noExternal: true,
    external: ['playwright', 'playwright-core'],
    resolve: { conditions: ['@readmark/source', 'module', 'node', 'import', 'default'] },
  },
  build: {
    ssr: join(benchDir, 'src/node/run.ts'),
    // Inside dist (ignored by git and lint), next to the page build, which empties dist first.
    outDir: join(benchDir, 'dist/node'),
    emptyOutDir: false,
    minify: false,
  },
});
console.log(
  isFromRaw
    ? '› Recomputing results from results.raw.json…'
    : `› Running (${repetitions} interleaved repetitions)…`,
);
const { main } = await import(pathToFileURL(join(benchDir, 'dist/node/run.js')).href);
await main({ benchDir, repetitions, only, isFromRaw });
