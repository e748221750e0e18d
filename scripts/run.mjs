#!/usr/bin/env node
// The README's two commands: `npm run demo` and `npm test`. Each sets up what it needs on a fresh
// machine that has only Node 20 and npm: dependencies through pnpm (fetched by npx, never global),
// and for the tests Debian's Chromium from apt (browsers are never downloaded here), or the
// Chromium that CHROMIUM_PATH names.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
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

/** Whether `command` is an executable on the PATH. */
function isOnPath(command) {
  return (process.env.PATH ?? '')
    .split(delimiter)
    .some((dir) => dir && existsSync(join(dir, command)));
}

function ensureChromium() {
  if (existsSync(chromiumPath)) return;
  const useOwn =
    'Install Chromium (or Chrome) yourself and set CHROMIUM_PATH to its executable:\n' +
    '  CHROMIUM_PATH=/path/to/chromium npm test';
  if (process.env.CHROMIUM_PATH) {
    console.error(`CHROMIUM_PATH is ${chromiumPath}, which does not exist.\n${useOwn}`);
    process.exit(1);
  }
  if (!isOnPath('apt-get')) {
    console.error(
      `The browser tests need Chromium, which is not at ${chromiumPath}, and this machine has no apt-get to install it.\n${useOwn}`,
    );
    process.exit(1);
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot && !isOnPath('sudo')) {
    console.error(
      `The browser tests need Chromium, which is not at ${chromiumPath}; installing it with apt-get needs root, and there is no sudo.\nRun \`apt-get install chromium\` as root, or ${useOwn[0].toLowerCase()}${useOwn.slice(1)}`,
    );
    process.exit(1);
  }
  console.log(
    `› Installing Chromium with apt-get${isRoot ? '' : ' (through sudo, which may ask for your password)'}: the browser and end-to-end tests run in it…`,
  );
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args) =>
    isRoot ? run('apt-get', args, { env }) : run('sudo', ['apt-get', ...args], { env });
  if (apt(['update', '-qq']) !== 0 || apt(['install', '-y', '-qq', 'chromium']) !== 0) {
    console.error(`Could not install Chromium with apt-get (see above).\n${useOwn}`);
    process.exit(1);
  }
}

const bin = (name) => join(root, 'node_modules/.bin', name);
const task = process.argv[2];

if (task === 'demo') {
  ensureDependencies();
  const args = process.argv.slice(3);
  // DEMO_PORT picks the port (Vite's 5173 by default); a --port of your own wins.
  const hasPort = args.some((arg) => arg === '--port' || arg.startsWith('--port='));
  const port = process.env.DEMO_PORT && !hasPort ? ['--port', process.env.DEMO_PORT] : [];
  runOrExit(process.execPath, [
    join(root, 'node_modules/vite/bin/vite.js'),
    'apps/demo',
    ...port,
    ...args,
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
  console.error('usage: node scripts/run.mjs demo [vite options] | test');
  process.exit(2);
}
