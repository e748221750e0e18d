import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { chromiumArgs, chromiumPath } from './scripts/chromium.ts';

// Generous per-test cap: the 1,000-run property and leak tests share 2 cores with the browser
// projects in CI. A cap, not a speed assertion (speed lives in `npm run bench`).
const testTimeout = 30_000;

const sourceConditions = {
  conditions: ['@readmark/source', 'browser', 'module', 'import', 'default'],
};
const nodeSourceConditions = { conditions: ['@readmark/source', 'module', 'import', 'default'] };

/**
 * Debian's headless Chromium (scripts/chromium.ts), for the browser and Storybook projects. A fresh
 * object per project: Vitest names each project's browser instances in place.
 */
const chromium = () => ({
  enabled: true,
  headless: true,
  provider: playwright({ launchOptions: { executablePath: chromiumPath, args: chromiumArgs } }),
  instances: [{ browser: 'chromium' as const }],
  viewport: { width: 1024, height: 768 },
});

export default defineConfig({
  test: {
    projects: [
      {
        resolve: nodeSourceConditions,
        // Node tests load modules through Vite's SSR environment, which has its own conditions.
        ssr: { resolve: nodeSourceConditions },
        test: {
          name: 'unit',
          testTimeout,
          environment: 'node',
          include: [
            'packages/*/src/**/*.test.ts',
            'apps/*/src/**/*.test.ts',
            'docs/examples/**/*.test.ts',
          ],
        },
      },
      {
        plugins: [react()],
        resolve: sourceConditions,
        test: {
          name: 'dom',
          testTimeout,
          environment: 'jsdom',
          include: ['packages/*/src/**/*.dom.test.tsx'],
        },
      },
      {
        plugins: [react()],
        resolve: sourceConditions,
        optimizeDeps: {
          include: [
            'react',
            'react-dom',
            'react-dom/client',
            'react-dom/server',
            'react/jsx-dev-runtime',
            '@tanstack/react-virtual',
            'zustand',
            'zustand/vanilla',
            'zustand/traditional',
            'use-sync-external-store/shim/with-selector',
            '@testing-library/dom',
          ],
        },
        test: {
          name: 'browser',
          testTimeout,
          include: ['packages/*/src/**/*.browser.test.tsx', 'apps/*/src/**/*.browser.test.tsx'],
          browser: chromium(),
        },
      },
      // Every story of .storybook/ as a test, once per theme: it renders, its play function passes
      // and axe-core finds no violation (`parameters.a11y.test = 'error'` in .storybook/preview.tsx),
      // so colour contrast is checked in light and dark.
      ...(['light', 'dark'] as const).map((theme) => ({
        plugins: [storybookTest({ configDir: '.storybook', initialGlobals: { theme } })],
        resolve: sourceConditions,
        optimizeDeps: {
          include: ['react', 'react-dom', 'react-dom/client', 'react/jsx-dev-runtime'],
        },
        test: {
          name: theme === 'light' ? 'storybook' : 'storybook-dark',
          testTimeout,
          browser: chromium(),
        },
      })),
    ],
  },
});
