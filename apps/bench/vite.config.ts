import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const benchRoot = fileURLToPath(new URL('.', import.meta.url));

/**
 * The bench page: one production build holding the kit's lists, the baselines and the bare DOM
 * virtual list, so every comparison runs the same code build. Workspace packages come from source
 * through the `@readmark/source` condition (no library build needed).
 */
export default defineConfig({
  root: benchRoot,
  base: './',
  plugins: [react()],
  resolve: {
    conditions: ['@readmark/source', 'module', 'browser', 'production'],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: { input: fileURLToPath(new URL('bench.html', import.meta.url)) },
  },
});
