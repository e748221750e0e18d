import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'vite';
import dts from 'vite-plugin-dts';

/**
 * The one library build every package uses: ESM + .d.ts from src/index.ts, with every dependency
 * and peer left external so apps dedupe react, zustand and the virtualizer.
 */
export function libraryConfig(packageDir: string, options: { isReact?: boolean } = {}): UserConfig {
  const srcDir = resolve(packageDir, 'src');
  const outDir = resolve(packageDir, 'dist');
  return defineConfig({
    plugins: [
      ...(options.isReact ? [react()] : []),
      dts({
        tsconfigPath: resolve(packageDir, 'tsconfig.json'),
        entryRoot: srcDir,
        beforeWriteFile: (filePath, content) => ({
          content: withExplicitExtensions(content, filePath, { packageDir, outDir, srcDir }),
        }),
      }),
    ],
    build: {
      lib: { entry: resolve(packageDir, 'src/index.ts'), formats: ['es'], fileName: 'index' },
      outDir,
      emptyOutDir: true,
      sourcemap: true,
      minify: false,
      rollupOptions: {
        external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0'),
      },
    },
  });
}

const importSpecifier = /(\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)(['"])([^'"]+)\2/g;

/**
 * Gives every import of an emitted .d.ts its file, as the sources' bundler-style imports do not:
 * `./x` becomes `./x.js` or `./x/index.js`, and a deep import into a package without `exports`
 * (`nim-web-sdk-ng/dist/v2/NIM_BROWSER_SDK/V2NIMMessageService`) gets `.js` too. The packages are
 * `"type": "module"`, and TypeScript's `node16`/`nodenext` resolution (Node apps, SSR servers)
 * resolves an extensionless import of such a declaration to nothing: every type the package
 * exports was `any` there. `bundler` and `node` resolution read the explicit form the same way.
 */
function withExplicitExtensions(
  content: string,
  filePath: string,
  dirs: { packageDir: string; outDir: string; srcDir: string },
): string {
  return content.replace(
    importSpecifier,
    (whole, lead: string, quote: string, specifier: string) => {
      if (/\.(c|m)?js$|\.json$/.test(specifier)) return whole;
      const explicit = specifier.startsWith('.')
        ? explicitRelative(specifier, filePath, dirs)
        : explicitDeepImport(specifier, dirs.packageDir);
      return `${lead}${quote}${explicit}${quote}`;
    },
  );
}

function explicitRelative(
  specifier: string,
  filePath: string,
  { outDir, srcDir }: { outDir: string; srcDir: string },
): string {
  const source = join(srcDir, relative(outDir, resolve(dirname(filePath), specifier)));
  if (['.ts', '.tsx', '.d.ts'].some((extension) => existsSync(source + extension))) {
    return `${specifier}.js`;
  }
  if (['index.ts', 'index.tsx'].some((name) => existsSync(join(source, name)))) {
    return `${specifier.replace(/\/$/, '')}/index.js`;
  }
  throw new Error(`${filePath}: no source for '${specifier}' under ${srcDir}`);
}

/** `pkg/sub/path` → `pkg/sub/path.js` when `pkg` has no `exports` and ships `sub/path.d.ts`. */
function explicitDeepImport(specifier: string, packageDir: string): string {
  const parts = specifier.split('/');
  const nameLength = specifier.startsWith('@') ? 2 : 1;
  if (parts.length <= nameLength || specifier.startsWith('node:')) return specifier;
  const name = parts.slice(0, nameLength).join('/');
  const subpath = parts.slice(nameLength).join('/');
  let manifestPath: string;
  try {
    manifestPath = createRequire(join(packageDir, 'package.json')).resolve(`${name}/package.json`);
  } catch {
    return specifier; // its `exports` hides package.json: it maps its subpaths itself
  }
  if (JSON.parse(readFileSync(manifestPath, 'utf8')).exports !== undefined) return specifier;
  const root = dirname(manifestPath);
  if (existsSync(join(root, `${subpath}.d.ts`))) return `${specifier}.js`;
  if (existsSync(join(root, subpath, 'index.d.ts'))) return `${specifier}/index.js`;
  return specifier;
}
