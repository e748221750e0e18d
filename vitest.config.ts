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

/**
 * React 18.3 in place of React 19 for the `react18*` projects (root devDependencies `react-18` and
 * `react-dom-18`; .pnpmfile.cjs links react-dom 18 to react 18): `react`, `react-dom` and their
 * subpaths (`react/jsx-dev-runtime`, `react-dom/client`, `react-dom/server`,
 * `react-dom/test-utils`…), whoever imports them. In Node (node and jsdom tests) the packages that
 * import React are inlined so that their imports meet these aliases too, and @testing-library/react
 * is taken as its ES build (its CommonJS `main` would `require` React 19). react18.test.tsx fails
 * if any of them gets another React.
 */
const react18Alias = [
  { find: /^react(\/.*)?$/, replacement: 'react-18$1' },
  { find: /^react-dom(\/.*)?$/, replacement: 'react-dom-18$1' },
  {
    find: /^@testing-library\/react$/,
    replacement: '@testing-library/react/dist/@testing-library/react.esm.js',
  },
];
const react18Inline = ['@tanstack/react-virtual', '@testing-library/react'];
/** The guard of the React 18 projects; no other project runs a plain `.test.tsx` file. */
const react18Check = 'packages/react/src/react18.test.tsx';

/** Node tests: core, memory, nim, pure React logic and SSR. */
const unitProject = () => ({
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
});

/** jsdom tests: hooks and render counts. */
const domProject = () => ({
  plugins: [react()],
  resolve: sourceConditions,
  test: {
    name: 'dom',
    testTimeout,
    environment: 'jsdom',
    include: ['packages/*/src/**/*.dom.test.tsx'],
  },
});

/** Chromium tests: layout, scrolling, visibility, focus; `deps` are prebundled before they run. */
const browserProject = (deps: string[]) => ({
  plugins: [react()],
  resolve: sourceConditions,
  optimizeDeps: { include: deps },
  test: {
    name: 'browser',
    testTimeout,
    include: ['packages/*/src/**/*.browser.test.tsx', 'apps/*/src/**/*.browser.test.tsx'],
    setupFiles: ['./scripts/browserTestSetup.ts'],
    browser: chromium(),
  },
});

/**
 * `project` again for @readmark/react on React 18.3: named `name`, its tests narrowed to `include`
 * (plus the guard), React aliased to 18.3, and in Node the packages importing React inlined.
 */
function onReact18<
  P extends ReturnType<typeof unitProject | typeof domProject | typeof browserProject>,
>(project: P, name: string, include: string, { isInNode }: { isInNode: boolean }) {
  return {
    ...project,
    resolve: { ...project.resolve, alias: react18Alias },
    test: {
      ...project.test,
      name,
      include: [include, react18Check],
      ...(isInNode ? { server: { deps: { inline: react18Inline } } } : {}),
    },
  };
}

export default defineConfig({
  test: {
    projects: [
      unitProject(),
      domProject(),
      browserProject([
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
      ]),
      // @readmark/react on React 18.3 (its peer range is >=18): its Node tests (SSR included),
      // jsdom tests and Chromium component tests again, with react and react-dom aliased to 18.3.
      onReact18(unitProject(), 'react18', 'packages/react/src/**/*.test.ts', { isInNode: true }),
      onReact18(domProject(), 'react18-dom', 'packages/react/src/**/*.dom.test.tsx', {
        isInNode: true,
      }),
      onReact18(
        browserProject([
          'react-18',
          'react-dom-18',
          'react-dom-18/client',
          'react-dom-18/server',
          'react-18/jsx-dev-runtime',
          '@testing-library/dom',
        ]),
        'react18-browser',
        'packages/react/src/**/*.browser.test.tsx',
        { isInNode: false },
      ),
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
