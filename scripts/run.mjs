#!/usr/bin/env node
// The README's two commands: `npm run demo` and `npm test`. Each sets up what it needs on a fresh
// machine that has only Node 20 and npm: dependencies through pnpm (fetched by npx, never global),
// and for the tests Debian's Chromium from apt (browsers are never downloaded here).
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PNPM = 'pnpm@12.4.2';
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function runOrExit(command, args, options) {
  const status = run(command, args, options);
  if (status !== 0) process.exit(status);
}

function ensureDependencies() {
  const marker = join(root, 'node_modules/.modules.yaml');
  const lockfile = join(root, 'pnpm-lock.yaml');
  const isInstalled = existsSync(marker) && statSync(marker).mtimeMs >= statSync(lockfile).mtimeMs;
  if (isInstalled) return;
  console.log('› Installing dependencies with pnpm…');
  runOrExit('npx', ['-y', PNPM, 'install', '--frozen-lockfile']);
}

function ensureChromium() {
  if (existsSync(chromiumPath)) return;
  console.log('› Installing Chromium from apt (browser and end-to-end tests run in it)…');
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const sudo = isRoot ? [] : ['sudo'];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args) =>
    isRoot ? run('apt-get', args, { env }) : run('sudo', ['apt-get', ...args], { env });
  if (apt(['update', '-qq']) !== 0 || apt(['install', '-y', '-qq', 'chromium']) !== 0) {
    console.error(`Could not install Chromium (${sudo.length ? 'needs sudo' : 'apt failed'}).`);
    process.exit(1);
  }
}

const bin = (name) => join(root, 'node_modules/.bin', name);
const task = process.argv[2];

if (task === 'demo') {
  ensureDependencies();
  runOrExit(process.execPath, [
    join(root, 'node_modules/vite/bin/vite.js'),
    'apps/demo',
    ...process.argv.slice(3),
  ]);
} else if (task === 'test') {
  ensureDependencies();
  ensureChromium();
  console.log('› Unit, DOM and browser tests (vitest)…');
  runOrExit(bin('vitest'), ['run']);
  console.log('› End-to-end tests against the demo (Playwright, Chromium)…');
  runOrExit(bin('playwright'), ['test', '-c', 'apps/demo/playwright.config.ts'], {
    env: { ...process.env, CI: process.env.CI ?? '1' },
  });
} else {
  console.error('usage: node scripts/run.mjs demo|test');
  process.exit(2);
}
