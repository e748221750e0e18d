import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const demoRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The demo runs the kit from source: `@readmark/source` points every workspace package at its
 * src/index.ts, so `vite apps/demo` from the repo root needs no library build first.
 */
export default defineConfig({
  // Pinned so `vite apps/demo` (repo root) and `vite` (inside apps/demo) serve the same app.
  root: demoRoot,
  plugins: [react()],
  resolve: {
    conditions: ['@readmark/source', 'module', 'browser', 'development|production'],
  },
  server: {
    // Workspace packages live outside the demo folder.
    fs: { allow: [repoRoot] },
    // End-to-end runs set DEMO_NO_HMR: an edit elsewhere in the repo must not reload a page mid-test.
    hmr: process.env.DEMO_NO_HMR ? false : undefined,
  },
});
