import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'vite';
import dts from 'vite-plugin-dts';

/**
 * The one library build every package uses: ESM + .d.ts from src/index.ts, with every dependency
 * and peer left external so apps dedupe react, zustand and the virtualizer.
 */
export function libraryConfig(packageDir: string, options: { isReact?: boolean } = {}): UserConfig {
  return defineConfig({
    plugins: [
      ...(options.isReact ? [react()] : []),
      dts({
        tsconfigPath: resolve(packageDir, 'tsconfig.json'),
        entryRoot: resolve(packageDir, 'src'),
      }),
    ],
    build: {
      lib: { entry: resolve(packageDir, 'src/index.ts'), formats: ['es'], fileName: 'index' },
      outDir: resolve(packageDir, 'dist'),
      emptyOutDir: true,
      sourcemap: true,
      minify: false,
      rollupOptions: {
        external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0'),
      },
    },
  });
}
