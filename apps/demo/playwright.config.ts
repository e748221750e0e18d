import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const port = Number(process.env.DEMO_PORT ?? 5183);

/**
 * End-to-end tests against the real demo in Debian's Chromium (browsers are never downloaded here).
 * The web server runs Vite from the repo root exactly as `npm run demo` does.
 */
export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  // Two cores shared with other work: one browser at a time keeps timing-sensitive reads stable.
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: 'list',
  use: {
    baseURL: `http://localhost:${port}`,
    browserName: 'chromium',
    viewport: { width: 1400, height: 900 },
    launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
    trace: 'retain-on-failure',
  },
  webServer: {
    command: `node node_modules/vite/bin/vite.js apps/demo --port ${port} --strictPort`,
    cwd: repoRoot,
    url: `http://localhost:${port}`,
    reuseExistingServer: !process.env.CI,
    env: { DEMO_NO_HMR: '1' },
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
