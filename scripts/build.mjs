#!/usr/bin/env node
// Builds the library packages in dependency order (vite-plugin-dts ignores project references).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const vite = join(root, 'node_modules/vite/bin/vite.js');

// vite-plugin-dts resolves `@readmark/core` through the project references' outputs: on a fresh
// clone (no `tsc -b` yet) they are missing, it prints TS6305 errors and emits `any` in their place
// (react's ReceiptEngineContext), yet exits 0. Building the references first (incremental) avoids it.
const tsc = spawnSync(
  process.execPath,
  [join(root, 'node_modules/typescript/bin/tsc'), '-b', 'tsconfig.json'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

for (const name of ['core', 'memory', 'nim', 'react']) {
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: join(root, 'packages', name),
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
