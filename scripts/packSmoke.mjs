#!/usr/bin/env node
// What npm users get: packs every publishable package as `pnpm publish` would (workspace:*
// replaced, publishConfig applied), checks what is in each tarball, then installs the tarballs
// into throwaway apps and uses them the way README.md does: imports in Node without a DOM,
// server rendering, a Vite build with the stylesheet, type checks of README-style code, and every
// TypeScript block of README.md, packages/*/README.md and docs/*.md type-checked as written.
// Offline: third-party packages are linked from this workspace's node_modules (the SDK is copied,
// so that what its declarations import resolves from the app, not from here). Run it after
// `npm run build`; exits 1 on any failure and removes its temporary directory.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const startedAt = performance.now();
const rootManifest = readJson(join(root, 'package.json'));
const PNPM = rootManifest.packageManager ?? 'pnpm@12.4.2';

/** What README.md and the package READMEs promise about each package's dependencies. */
const PROMISES = {
  '@readmark/core': { dependencies: ['zustand'] },
  '@readmark/react': {
    dependencies: ['@readmark/core', '@tanstack/react-virtual', 'zustand'],
    peers: ['react', 'react-dom'],
  },
  // The SDK is the app's (or the memory server brings it); its declarations import eventemitter3 4
  // without declaring it, so the packages whose types are the SDK's ask for it, as a required peer
  // (npm and pnpm install those): with it missing, every SDK listener is `any` under skipLibCheck.
  '@readmark/nim': {
    dependencies: ['@readmark/core'],
    peers: ['eventemitter3'],
    optionalPeers: ['nim-web-sdk-ng'],
  },
  // "No runtime dependencies"; its types are the SDK's own declarations, so both are required peers:
  // `npm install @readmark/memory` alone gives typed clients. Its JavaScript imports neither.
  '@readmark/memory': { dependencies: [], peers: ['eventemitter3', 'nim-web-sdk-ng'] },
};
/** One copy per app: never a dependency of a package, only a peer. */
const SINGLETONS = ['react', 'react-dom', 'nim-web-sdk-ng'];
const ALLOWED_CONDITIONS = new Set(['types', 'import', 'require', 'default', 'node', 'browser']);

let failureCount = 0;

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function section(title) {
  console.log(`\n› ${title}`);
}

/** Runs one check: `fn` returns a list of problems (or throws); none is a pass. */
function check(label, fn) {
  let problems;
  try {
    problems = fn() ?? [];
  } catch (error) {
    problems = [error instanceof Error ? (error.stack ?? error.message) : String(error)];
  }
  if (problems.length === 0) {
    console.log(`  ✓ ${label}`);
    return true;
  }
  failureCount += 1;
  console.log(`  ✗ ${label}`);
  const shown =
    problems.length > 12
      ? [...problems.slice(0, 10), `… and ${problems.length - 10} more`]
      : problems;
  for (const problem of shown) console.log(`      ${String(problem).replaceAll('\n', '\n      ')}`);
  return false;
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
    shell: process.platform === 'win32' && command === 'npx',
    ...options,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
  if (result.error) return { ok: false, output: `${result.error.message}\n${output}` };
  return { ok: result.status === 0, output };
}

/** Files of a gzipped tarball, keyed by their path inside the package (`package/` dropped). */
function readTarball(path) {
  const data = gunzipSync(readFileSync(path));
  const files = new Map();
  let offset = 0;
  let longName;
  while (offset + 512 <= data.length) {
    const header = data.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const field = (start, length) =>
      header
        .subarray(start, start + length)
        .toString('utf8')
        .replace(/\0[\s\S]*$/, '');
    const size = Number.parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1);
    const prefix = field(345, 155);
    const body = data.subarray(offset + 512, offset + 512 + size);
    offset += 512 + Math.ceil(size / 512) * 512;
    if (type === 'x') {
      longName = /\d+ path=([^\n]*)\n/.exec(body.toString('utf8'))?.[1] ?? longName;
      continue;
    }
    if (type === 'L') {
      longName = body.toString('utf8').replace(/\0[\s\S]*$/, '');
      continue;
    }
    let name = prefix ? `${prefix}/${field(0, 100)}` : field(0, 100);
    if (longName !== undefined) [name, longName] = [longName, undefined];
    if (type === '0' || type === '') files.set(name.replace(/^[^/]+\//, ''), Buffer.from(body));
  }
  return files;
}

const packageNameOf = (specifier) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');
const isBuiltin = (specifier) =>
  specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0]);

/** Module specifiers of ESM output: static imports and re-exports, side-effect and dynamic imports. */
function jsSpecifiers(code) {
  const found = new Set();
  const patterns = [
    /^\s*(?:import|export)\b[^'"`;]*?\bfrom\s*(['"])([^'"]+)\1/gm,
    /^\s*import\s*(['"])([^'"]+)\1/gm,
    /\bimport\(\s*(['"])([^'"]+)\1\s*\)/g,
    /\brequire\(\s*(['"])([^'"]+)\1\s*\)/g,
  ];
  for (const pattern of patterns) for (const match of code.matchAll(pattern)) found.add(match[2]);
  return found;
}

/** Module specifiers of a declaration file, `import('x')` types included. */
function dtsSpecifiers(code) {
  const found = new Set();
  const patterns = [
    /\b(?:from|import)\s*(['"])([^'"]+)\1/g,
    /\bimport\(\s*(['"])([^'"]+)\1\s*\)/g,
    /\/\/\/\s*<reference\s+(?:types|path)=(['"])([^'"]+)\1/g,
  ];
  for (const pattern of patterns) for (const match of code.matchAll(pattern)) found.add(match[2]);
  return found;
}

/** Every target of an `exports` value with the condition path that leads to it. */
function exportTargets(value, path = []) {
  if (typeof value === 'string') return [{ path, target: value }];
  if (Array.isArray(value)) return value.flatMap((item) => exportTargets(item, path));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => exportTargets(item, [...path, key]));
  }
  return [];
}

function conditionObjects(value) {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  const keys = Object.keys(value);
  const nested = Object.values(value).flatMap(conditionObjects);
  return keys.every((key) => !key.startsWith('.')) ? [keys, ...nested] : nested;
}

function globToRegExp(glob) {
  const source = glob
    .replace(/^\.\//, '')
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*\*\//g, '\u0000')
    .replace(/\*\*/g, '.*')
    .replace(/\*/g, '[^/]*')
    .replaceAll('\u0000', '(?:.*/)?');
  return new RegExp(`^${source}$`);
}

// ---------------------------------------------------------------------------------------------

const workspacePackages = readdirSync(join(root, 'packages'))
  .map((dir) => ({ dir, manifestPath: join(root, 'packages', dir, 'package.json') }))
  .filter(({ manifestPath }) => existsSync(manifestPath))
  .map(({ dir, manifestPath }) => ({ dir, manifest: readJson(manifestPath) }))
  .filter(({ manifest }) => manifest.private !== true);
const workspaceVersions = new Map(
  workspacePackages.map(({ manifest }) => [manifest.name, manifest.version]),
);

function main() {
  section(`pack ${workspacePackages.map(({ manifest }) => manifest.name).join(', ')} (${PNPM})`);
  const isBuilt = check('every package is built (npm run build)', () =>
    workspacePackages
      .filter(({ dir }) => !existsSync(join(root, 'packages', dir, 'dist/index.js')))
      .map(({ dir }) => `packages/${dir}/dist is missing: run \`npm run build\` first`),
  );
  if (!isBuilt) return;
  const tarballDir = join(temp, 'tarballs');
  const filters = workspacePackages.flatMap(({ manifest }) => ['--filter', manifest.name]);
  const pack = run('npx', ['-y', PNPM, ...filters, 'pack', '--pack-destination', tarballDir]);
  if (!check('pnpm pack', () => (pack.ok ? [] : [pack.output]))) return;

  const packed = workspacePackages.map(({ dir, manifest }) => {
    const tarball = readdirSync(tarballDir).find(
      (file) =>
        file === `${manifest.name.replace('@', '').replace('/', '-')}-${manifest.version}.tgz`,
    );
    if (!tarball) throw new Error(`no tarball for ${manifest.name} in ${readdirSync(tarballDir)}`);
    const files = readTarball(join(tarballDir, tarball));
    return { dir, name: manifest.name, files, manifest: JSON.parse(files.get('package.json')) };
  });
  for (const pkg of packed) inspect(pkg);

  const only = (...names) => packed.filter((pkg) => names.includes(pkg.name));
  // The README's installs. eventemitter3 is not listed: it comes as a (required) peer.
  const apps = {
    withSdk: install(join(temp, 'app-nim'), packed, ['nim-web-sdk-ng']),
    withoutSdk: install(join(temp, 'app-custom'), only('@readmark/core', '@readmark/react'), []),
    memoryOnly: install(join(temp, 'app-memory'), only('@readmark/memory'), []),
    nimWithSdk: install(
      join(temp, 'app-real-nim'),
      only('@readmark/core', '@readmark/react', '@readmark/nim'),
      ['nim-web-sdk-ng'],
    ),
  };
  runInNode(apps.withSdk);
  buildWithVite(apps.withSdk);
  typeCheck(apps);
  typeCheckDocs(apps.withSdk);
}

// --- 1. what is in each tarball ----------------------------------------------------------------

function inspect({ name, files, manifest }) {
  section(`${name}: ${files.size} files, ${Math.round(sumSizes(files) / 1024)} kB unpacked`);
  const has = (path) => files.has(path.replace(/^\.\//, ''));
  const dependencies = Object.keys(manifest.dependencies ?? {});
  const peers = Object.keys(manifest.peerDependencies ?? {});
  const optionalPeers = peers.filter((peer) => manifest.peerDependenciesMeta?.[peer]?.optional);
  const declared = new Set([...dependencies, ...peers]);

  check('manifest: publishable, no workspace: ranges, workspace packages at their versions', () => {
    const problems = [];
    if (manifest.private) problems.push('"private": true');
    for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
      for (const [dependency, range] of Object.entries(manifest[field] ?? {})) {
        if (String(range).startsWith('workspace:'))
          problems.push(`${field}.${dependency}: ${range}`);
        const version = workspaceVersions.get(dependency);
        if (version !== undefined && range !== version && range !== `^${version}`) {
          problems.push(`${field}.${dependency}: ${range}, the workspace has ${version}`);
        }
      }
    }
    return problems;
  });

  check('entry points: main, types and every exports target are in the tarball', () => {
    const problems = [];
    for (const field of ['main', 'module', 'types', 'typings']) {
      if (manifest[field] !== undefined && !has(manifest[field])) {
        problems.push(`${field}: ${manifest[field]} is not in the tarball`);
      }
    }
    if (!manifest.exports) problems.push('no "exports"');
    for (const { path, target } of exportTargets(manifest.exports)) {
      const where = `exports[${path.map((key) => JSON.stringify(key)).join('][')}]`;
      if (!has(target)) problems.push(`${where}: ${target} is not in the tarball`);
      const unknown = path.filter((key) => !key.startsWith('.') && !ALLOWED_CONDITIONS.has(key));
      if (unknown.length > 0)
        problems.push(`${where}: condition ${unknown} (a workspace-only one?)`);
    }
    for (const keys of conditionObjects(manifest.exports)) {
      if (keys.includes('types') && keys.indexOf('types') !== 0) {
        problems.push(
          `"types" must come first in { ${keys.join(', ')} } (TypeScript takes the first match)`,
        );
      }
      if (!keys.includes('default') && !keys.includes('require')) {
        problems.push(
          `{ ${keys.join(', ')} } has no "default": require() and CJS tools cannot resolve it`,
        );
      }
    }
    const main = manifest.exports?.['.'];
    if (typeof main === 'object' && !main.types) problems.push('exports["."] has no "types"');
    return problems;
  });

  check('contents: dist/*.js with sourcemaps and *.d.ts; no sources, tests or stories', () => {
    const problems = [];
    const names = [...files.keys()];
    if (!names.some((file) => /^dist\/.+\.js$/.test(file))) problems.push('no dist/*.js');
    if (!names.some((file) => /^dist\/.+\.d\.ts$/.test(file))) problems.push('no dist/*.d.ts');
    for (const file of names) {
      if (
        /\.(test|spec|stories)\.|testkit|(^|\/)(testing|__screenshots__|__tests__)\//.test(file)
      ) {
        problems.push(`test code shipped: ${file}`);
      } else if (/\.(ts|tsx)$/.test(file) && !file.endsWith('.d.ts')) {
        problems.push(`source shipped: ${file}`);
      } else if (file.endsWith('.js') && !has(`${file}.map`)) {
        problems.push(`${file} has no sourcemap`);
      }
    }
    return problems;
  });

  check(
    'declarations: no `any` (a build whose project references were not built types them so)',
    () => {
      const problems = [];
      for (const [file, content] of files) {
        if (!file.endsWith('.d.ts')) continue;
        const code = content
          .toString('utf8')
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/\/\/.*$/gm, '');
        for (const line of code.split('\n')) {
          // `any[]` in a conditional type (the memory server's Emitter) is written so on purpose.
          if (/\bany\b(?!\[\])/.test(line)) problems.push(`${file}: ${line.trim()}`);
        }
      }
      return problems;
    },
  );

  const jsImports = new Set();
  const dtsImports = new Set();
  check('JavaScript imports only its own files and declared dependencies/peers', () => {
    const problems = [];
    for (const [file, content] of files) {
      if (!/\.(c|m)?js$/.test(file)) continue;
      for (const specifier of jsSpecifiers(content.toString('utf8'))) {
        if (specifier.startsWith('.')) {
          const target = posix.join(posix.dirname(file), specifier);
          if (!has(target)) problems.push(`${file}: '${specifier}' is not in the tarball`);
        } else if (isBuiltin(specifier)) {
          problems.push(`${file}: imports Node's '${specifier}' (a browser library)`);
        } else {
          jsImports.add(packageNameOf(specifier));
          if (!declared.has(packageNameOf(specifier))) {
            problems.push(`${file}: imports '${specifier}', not a dependency or peer`);
          }
        }
      }
    }
    return problems;
  });

  check('declarations import only shipped .d.ts files and declared dependencies/peers', () => {
    const problems = [];
    for (const [file, content] of files) {
      if (!file.endsWith('.d.ts')) continue;
      for (const specifier of dtsSpecifiers(content.toString('utf8'))) {
        if (specifier.startsWith('.')) {
          const target = posix.normalize(posix.join(posix.dirname(file), specifier));
          if (target.startsWith('..') || /(^|\/)src\//.test(target)) {
            problems.push(`${file}: '${specifier}' points outside dist`);
          } else if (!/\.js$/.test(specifier)) {
            problems.push(
              `${file}: '${specifier}' has no file extension (nothing under node16/nodenext resolution)`,
            );
          } else if (!has(target.replace(/\.js$/, '.d.ts'))) {
            problems.push(`${file}: '${specifier}' has no .d.ts in the tarball`);
          }
        } else if (/(^|\/)src\//.test(specifier)) {
          problems.push(`${file}: '${specifier}' points at sources`);
        } else if (!isBuiltin(specifier)) {
          dtsImports.add(packageNameOf(specifier));
          if (!declared.has(packageNameOf(specifier))) {
            problems.push(`${file}: imports '${specifier}', not a dependency or peer`);
          }
        }
      }
    }
    return problems;
  });

  check("bundled code is this package's own src (sourcemap sources and contents)", () => {
    const problems = [];
    for (const [file, content] of files) {
      if (!file.endsWith('.js.map')) continue;
      const map = JSON.parse(content.toString('utf8'));
      const from = posix.dirname(file);
      for (const source of map.sources) {
        const path = posix.normalize(posix.join(from, source));
        if (!path.startsWith('src/') || path.includes('node_modules')) {
          problems.push(`${file}: bundles ${source} (another package's code?)`);
        }
      }
      if ((map.sourcesContent ?? []).filter((text) => text != null).length !== map.sources.length) {
        problems.push(
          `${file}: sources are not embedded (sourcesContent), and src/ is not shipped`,
        );
      }
    }
    return problems;
  });

  check('dependencies vs peers: as promised, all used, singletons as peers', () => {
    const problems = [];
    const promise = PROMISES[name] ?? {};
    if (promise.dependencies) {
      const expected = [...promise.dependencies].sort().join(', ');
      if ([...dependencies].sort().join(', ') !== expected) {
        problems.push(`dependencies are [${dependencies}], expected [${expected}]`);
      }
    }
    for (const peer of promise.peers ?? []) {
      if (!peers.includes(peer) || optionalPeers.includes(peer)) {
        problems.push(`${peer} must be a (required) peer dependency`);
      }
    }
    for (const peer of promise.optionalPeers ?? []) {
      if (!optionalPeers.includes(peer)) problems.push(`${peer} must be an optional peer`);
    }
    for (const dependency of dependencies) {
      if (SINGLETONS.includes(dependency))
        problems.push(`${dependency} is a dependency, not a peer`);
      if (!jsImports.has(dependency) && !dtsImports.has(dependency)) {
        problems.push(`${dependency} is a dependency that nothing imports`);
      }
    }
    for (const peer of optionalPeers) {
      if (jsImports.has(peer)) problems.push(`${peer} is an optional peer the JavaScript imports`);
    }
    return problems;
  });

  check(
    'React Server Components: "use client" opens the entry of the package using React, only',
    () => {
      const code = files.get('dist/index.js')?.toString('utf8') ?? '';
      const isClientBoundary = /^(['"])use client\1;/.test(code);
      if (peers.includes('react') && !isClientBoundary) {
        return [
          'dist/index.js does not start with "use client": a server component importing it fails (React has no createContext there)',
        ];
      }
      if (!peers.includes('react') && isClientBoundary) {
        return ['dist/index.js starts with "use client": server code could not call it'];
      }
      return [];
    },
  );

  if (manifest.exports?.['./styles.css'] !== undefined || name === '@readmark/react') {
    check('styles.css: exported, shipped, kept by bundlers (sideEffects)', () => {
      const target = manifest.exports?.['./styles.css'];
      if (typeof target !== 'string') return ['no "./styles.css" export'];
      const css = files.get(target.replace(/^\.\//, ''))?.toString('utf8');
      if (!css) return [`${target} is not in the tarball`];
      const problems = [];
      if (!css.includes('.readmark-')) problems.push(`${target} has no .readmark-* rules`);
      const sideEffects = manifest.sideEffects;
      const isKept =
        sideEffects === undefined ||
        sideEffects === true ||
        (Array.isArray(sideEffects) &&
          sideEffects.some((glob) => globToRegExp(glob).test(target.replace(/^\.\//, ''))));
      if (!isKept) problems.push(`"sideEffects" would let bundlers drop ${target}`);
      return problems;
    });
  }
}

function sumSizes(files) {
  let total = 0;
  for (const content of files.values()) total += content.length;
  return total;
}

// --- 2. install like a user ---------------------------------------------------------------------

/** Where the workspace installed a third-party package (pnpm links it in some node_modules). */
function workspaceCopy(name) {
  const folders = [
    join(root, 'node_modules'),
    ...['packages', 'apps'].flatMap((group) =>
      readdirSync(join(root, group)).map((dir) => join(root, group, dir, 'node_modules')),
    ),
  ];
  for (const folder of folders) {
    if (existsSync(join(folder, name, 'package.json'))) return realpathSync(join(folder, name));
  }
  throw new Error(`${name} is not installed in the workspace (run pnpm install)`);
}

function link(path, target) {
  mkdirSync(dirname(path), { recursive: true });
  symlinkSync(target, path, 'junction');
}

/**
 * Third-party packages whose declarations import a package they do not declare (nim-web-sdk-ng's
 * types.d.ts imports eventemitter3's `ArgumentMap`). Linked, they would resolve it from this
 * workspace's node_modules, where it is a devDependency; copied into the app, only from the app,
 * as for a user: with it missing, the SDK's listeners (and the memory client's, its own) are `any`
 * under skipLibCheck.
 */
const COPIED = ['nim-web-sdk-ng'];

/** Where an app gets a third-party package: the workspace's copy, or the app's own for COPIED. */
function thirdParty(appDir, name) {
  if (!COPIED.includes(name)) return workspaceCopy(name);
  const copy = join(appDir, 'node_modules', '.store', name.replace('/', '+'), 'node_modules', name);
  if (!existsSync(copy)) cpSync(workspaceCopy(name), copy, { recursive: true, dereference: true });
  return copy;
}

/**
 * An app with the tarballs installed pnpm-style: each package in its own store folder with only
 * its declared dependencies and peers beside it (an undeclared import does not resolve), the app
 * depending on all of them plus react, react-dom, their types and `extras`. Required peers the app
 * does not list are installed at its top level, as npm (7+) and pnpm (auto-install-peers) do.
 */
function install(appDir, packed, extras) {
  const modules = join(appDir, 'node_modules');
  const storeOf = (name) => join(modules, '.store', name.replace('/', '+'), 'node_modules');
  for (const { name, files } of packed) {
    for (const [file, content] of files) {
      const path = join(storeOf(name), name, file);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
    }
    link(join(modules, name), join(storeOf(name), name));
  }
  const appDependencies = ['react', 'react-dom', '@types/react', '@types/react-dom', ...extras];
  const autoInstalled = new Set();
  for (const { name, manifest } of packed) {
    const optional = (peer) => manifest.peerDependenciesMeta?.[peer]?.optional === true;
    const needs = [
      ...Object.keys(manifest.dependencies ?? {}),
      ...Object.keys(manifest.peerDependencies ?? {}).filter(
        (peer) => !optional(peer) || appDependencies.includes(peer),
      ),
    ];
    for (const dependency of needs) {
      const isOurs = packed.some((pkg) => pkg.name === dependency);
      const target = isOurs
        ? join(storeOf(dependency), dependency)
        : thirdParty(appDir, dependency);
      link(join(storeOf(name), dependency), target);
      const isPeer = manifest.peerDependencies?.[dependency] !== undefined;
      if (isPeer && !isOurs && !appDependencies.includes(dependency)) autoInstalled.add(dependency);
    }
  }
  for (const dependency of [...appDependencies, ...autoInstalled])
    link(join(modules, dependency), thirdParty(appDir, dependency));
  const dependencies = Object.fromEntries(
    [...packed.map((pkg) => pkg.name), ...appDependencies].map((dependency) => [dependency, '*']),
  );
  writeFileSync(
    join(appDir, 'package.json'),
    JSON.stringify({ name: 'smoke-app', private: true, type: 'module', dependencies }, null, 2),
  );
  return { dir: appDir, packed, extras };
}

// --- 3. use them in Node: imports without a DOM, SSR, one engine end to end ---------------------

function runInNode(app) {
  section('Node without a DOM (import, require, SSR, an engine over the memory server)');
  const valueExports = Object.fromEntries(
    app.packed.map(({ name, files }) => [name, declaredValueExports(files)]),
  );
  writeFileSync(join(app.dir, 'runtime.mjs'), RUNTIME_SCRIPT);
  const result = run(process.execPath, ['runtime.mjs', JSON.stringify(valueExports)], {
    cwd: app.dir,
    timeout: 60_000,
  });
  const lines = result.output.split('\n');
  for (const line of lines.filter((text) => text.startsWith('ok '))) check(line.slice(3), () => []);
  if (!result.ok) {
    check('runtime checks finished (and the process exited on its own)', () => [
      lines.filter((text) => !text.startsWith('ok ')).join('\n') || 'timed out or was killed',
    ]);
  }

  writeFileSync(join(app.dir, 'server.mjs'), SERVER_SCRIPT);
  const onServer = run(process.execPath, ['--conditions=react-server', 'server.mjs'], {
    cwd: app.dir,
    timeout: 60_000,
  });
  const serverLines = onServer.output.split('\n');
  for (const line of serverLines.filter((text) => text.startsWith('ok '))) {
    check(line.slice(3), () => []);
  }
  if (!onServer.ok) {
    check('react-server condition: checks finished', () => [
      serverLines.filter((text) => !text.startsWith('ok ')).join('\n') || 'timed out or was killed',
    ]);
  }

  writeFileSync(join(app.dir, 'require.cjs'), REQUIRE_SCRIPT);
  // Node 20.19+ loads ES modules with require() by default; older 20s need the flag (the package
  // is "default"-exported for exactly this), so the check runs everywhere instead of skipping.
  const flags = process.features.require_module ? [] : ['--experimental-require-module'];
  const required = run(process.execPath, [...flags, 'require.cjs'], {
    cwd: app.dir,
    timeout: 60_000,
  });
  check(`require() from CommonJS: ${required.output.split('\n')[0]}`, () =>
    required.ok ? [] : [required.output],
  );
}

/** Names the index.d.ts exports as values (what the JavaScript must export too). */
function declaredValueExports(files) {
  const names = new Set();
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = files.get(file)?.toString('utf8') ?? '';
    for (const match of code.matchAll(/export\s+\{([^}]*)\}\s*from\s*['"]([^'"]+)['"]/g)) {
      for (const item of match[1].split(',')) {
        const text = item.trim();
        if (!text || text.startsWith('type ')) continue;
        names.add(text.split(/\s+as\s+/).pop());
      }
    }
    for (const match of code.matchAll(/export\s+\*\s+from\s*['"](\.[^'"]+)['"]/g)) {
      visit(posix.join(posix.dirname(file), match[1]).replace(/\.js$/, '.d.ts'));
    }
    for (const match of code.matchAll(
      /export\s+(?:declare\s+)?(?:function|const|class|enum)\s+(\w+)/g,
    )) {
      names.add(match[1]);
    }
  };
  visit('dist/index.d.ts');
  return [...names].sort();
}

/** One P2P message from sent to read: the memory server, the NIM transport and two engines. */
const ENGINE_ROUND = `
let now = 1000;
const server = createMemoryServer({ now: () => now });
const alice = server.login('A');
const bob = server.login('B');
const aliceEngine = core.createReceiptEngine({ transport: createNimTransport(alice), accountId: 'A' });
const bobEngine = core.createReceiptEngine({ transport: createNimTransport(bob), accountId: 'B' });
let received;
bob.V2NIMMessageService.on('onReceiveMessages', (messages) => { received = messages[0]; });
const { message } = await alice.V2NIMMessageService.sendMessage(
  alice.V2NIMMessageCreator.createTextMessage('hi'),
  alice.V2NIMConversationIdUtil.p2pConversationId('B'),
);
await server.settle();
assert.equal(core.selectMessageStatus(aliceEngine.store.getState(), message), 'sent');
bobEngine.markRead([received]);
bobEngine.flush();
for (let i = 0; i < 20 && core.selectMessageStatus(aliceEngine.store.getState(), message) !== 'read'; i += 1) {
  await server.settle();
  await new Promise((resolve) => setTimeout(resolve, 5));
}
assert.equal(core.selectMessageStatus(aliceEngine.store.getState(), message), 'read');
aliceEngine.dispose();
bobEngine.dispose();
ok('memory server -> NIM transport -> engine: a P2P message goes from sent to read');
`;

const RUNTIME_SCRIPT = `
import assert from 'node:assert/strict';
const ok = (label) => console.log('ok ' + label);
const declared = JSON.parse(process.argv[2]);
assert.equal(typeof window, 'undefined');
assert.equal(typeof document, 'undefined');

const modules = {};
for (const name of Object.keys(declared)) {
  modules[name] = await import(name);
  const runtime = Object.keys(modules[name]).sort();
  const missing = declared[name].filter((key) => !runtime.includes(key));
  const undeclared = runtime.filter((key) => !declared[name].includes(key));
  assert.deepEqual({ missing, undeclared }, { missing: [], undeclared: [] }, name + ': exports differ from its index.d.ts');
  ok(\`import('\${name}'): \${runtime.length} exports, the same names as its index.d.ts\`);
}
assert.equal(typeof window, 'undefined', 'an import defined window');
assert.equal(typeof document, 'undefined', 'an import defined document');
ok('no import touched window or document (SSR-safe)');

const core = modules['@readmark/core'];
const { createMemoryServer } = modules['@readmark/memory'];
const { createNimTransport } = modules['@readmark/nim'];
const { ReceiptProvider, ReadTick, UnreadBadge, MessageList, ConversationReadTick } = modules['@readmark/react'];

const error = await createNimTransport(createMemoryServer().login('A'))
  .sendTeamMessageReceipts(null)
  .then(() => undefined, (reason) => reason);
assert.equal(error?.code, 191004);
ok('the packed nim transport rejects bad input with 191004');

${ENGINE_ROUND}

const { createElement: h } = await import('react');
const { renderToString } = await import('react-dom/server');
const transport = createNimTransport(createMemoryServer().login('A'));
const sent = {
  messageClientId: 'c1', messageServerId: 's1', createTime: 1, senderId: 'A', receiverId: 'B',
  conversationType: 1, conversationId: 'A|1|B', sendingState: 1, messageType: 0,
};
const flagged = {
  ...sent, messageClientId: 'c2', messageServerId: 's2', receiverId: 'T1', conversationType: 2,
  conversationId: 'A|2|T1', messageConfig: { readReceiptEnabled: true },
};
const html = renderToString(
  h(ReceiptProvider, { transport, accountId: 'A', locale: 'zh-CN' },
    h(ReadTick, { message: sent }),
    h(UnreadBadge, { message: flagged, onOpen: () => {} }),
    h(ConversationReadTick, { lastMessage: { lastMessageState: 0, messageRefer: sent } }),
    h(MessageList, { conversationId: 'A|1|B', messages: [sent], renderMessage: (m) => h('p', null, m.messageClientId) }),
  ),
);
assert.match(html, /class="readmark-tick"[^>]*data-status="sent"/, html);
assert.match(html, /readmark-message-list/, html);
const signedOut = renderToString(h(ReceiptProvider, { transport, accountId: '' }, h(ReadTick, { message: sent })));
assert.doesNotMatch(signedOut, /readmark-tick/, signedOut);
ok('renderToString: ReceiptProvider(createNimTransport(createMemoryServer().login("A"))) with ReadTick, UnreadBadge, ConversationReadTick, MessageList; signed out too');

const css = import.meta.resolve('@readmark/react/styles.css');
const { readFileSync } = await import('node:fs');
assert.match(readFileSync(new URL(css), 'utf8'), /\\.readmark-tick/);
ok("import.meta.resolve('@readmark/react/styles.css') is the stylesheet");
`;

/**
 * Server code of a React Server Components app (Next.js' App Router: a route handler, a server
 * action) runs under the \`react-server\` condition, where React has no createContext and no hooks.
 * The engine, the memory server and the NIM transport must work there; the React package is only
 * reached through its "use client" boundary (checked on the tarball).
 */
const SERVER_SCRIPT = `
import assert from 'node:assert/strict';
const ok = (label) => console.log('ok react-server condition: ' + label);
const react = await import('react');
assert.equal(typeof react.createContext, 'undefined', 'React is not its react-server build here');
const core = await import('@readmark/core');
const { createMemoryServer } = await import('@readmark/memory');
const { createNimTransport } = await import('@readmark/nim');
ok("import('@readmark/core'), '@readmark/memory' and '@readmark/nim' (React's server build, no createContext)");
${ENGINE_ROUND}
`;

const REQUIRE_SCRIPT = `
process.emitWarning = () => {};
const names = ['@readmark/core', '@readmark/memory', '@readmark/nim', '@readmark/react'];
const counts = names.map((name) => Object.keys(require(name)).length);
if (counts.some((count) => count === 0)) throw new Error('empty exports: ' + counts);
require.resolve('@readmark/react/styles.css');
console.log('all four packages and styles.css resolve and load');
`;

// --- 4. a bundler: Vite builds an app that imports the components and the stylesheet -------------

function buildWithVite(app) {
  section("a Vite build of an app that imports '@readmark/react/styles.css'");
  const entry = join(app.dir, 'main.js');
  writeFileSync(
    entry,
    `import { createElement as h } from 'react';
import { createRoot } from 'react-dom/client';
import { createMemoryServer } from '@readmark/memory';
import { createNimTransport } from '@readmark/nim';
import { ReadTick, ReceiptProvider } from '@readmark/react';
import '@readmark/react/styles.css';

const transport = createNimTransport(createMemoryServer().login('A'));
createRoot(document.getElementById('root')).render(
  h(ReceiptProvider, { transport, accountId: 'A' }, h(ReadTick, { message: {} })),
);
`,
  );
  const viteEntry = createRequire(join(root, 'package.json')).resolve('vite');
  const script = `
const { build } = await import(${JSON.stringify(pathToFileURL(viteEntry).href)});
const output = await build({
  root: ${JSON.stringify(app.dir)}, configFile: false, logLevel: 'silent',
  build: { outDir: 'out', write: false, minify: false, rollupOptions: { input: 'main.js' } },
});
const files = [output].flat().flatMap((o) => o.output);
const css = files.filter((f) => f.fileName.endsWith('.css')).map((f) => f.source).join('');
const modules = files.filter((f) => f.type === 'chunk').flatMap((f) => f.moduleIds);
if (!css.includes('.readmark-tick')) throw new Error('no .readmark-tick rule in the CSS output');
const stray = modules.filter((id) => /nim-web-sdk-ng|eventemitter3/.test(id));
if (stray.length > 0) throw new Error('bundled what the app never imports: ' + stray.join(', '));
const ours = modules.filter((id) => id.includes('@readmark')).length;
console.log(modules.length + ' modules (' + ours + ' of @readmark/*), ' + Math.round(css.length / 1024) + ' kB of CSS with .readmark-tick');
`;
  writeFileSync(join(app.dir, 'vite-build.mjs'), script);
  const result = run(process.execPath, ['vite-build.mjs'], { cwd: app.dir, timeout: 120_000 });
  check(`vite build: ${result.ok ? result.output.split('\n').pop() : 'failed'}`, () =>
    result.ok ? [] : [result.output],
  );
}

// --- 5. types: README-style code against the published .d.ts -----------------------------------

const SOURCES = {
  'env.d.ts': `// What vite/client declares for stylesheet imports.
declare module '*.css';
`,
  'dropIn.tsx': `import { type ReactNode, useMemo, useState } from 'react';
import type { V2NIMMessage } from 'nim-web-sdk-ng/dist/v2/NIM_BROWSER_SDK/V2NIMMessageService.js';
import { createNimTransport, type NimLike } from '@readmark/nim';
import {
  MessageList,
  ReadTick,
  ReceiptDetailSheet,
  ReceiptProvider,
  ReceiptStringsProvider,
  UnreadBadge,
} from '@readmark/react';
import '@readmark/react/styles.css';

type Props = { nim: NimLike; accountId: string; conversationId: string; messages: V2NIMMessage[] };

export function Chat({ nim, accountId, conversationId, messages }: Props) {
  const transport = useMemo(() => createNimTransport(nim), [nim]);
  return (
    <ReceiptProvider transport={transport} accountId={accountId} locale="en">
      <MessageList
        conversationId={conversationId}
        messages={messages}
        renderMessage={renderMessage}
        className="chat-list"
        isScrollingToOwnMessages={false}
        onLoadOlder={() => {}}
        readDwellMs={300}
      />
    </ReceiptProvider>
  );
}

function renderMessage(message: V2NIMMessage) {
  return (
    <div className="bubble">
      {message.text}
      <ReadTick message={message} />
      <TeamBadge message={message} />
    </div>
  );
}

function TeamBadge({ message }: { message: V2NIMMessage }) {
  const [isOpen, setIsOpen] = useState(false);
  return (
    <>
      <UnreadBadge message={message} onOpen={() => setIsOpen(true)} />
      <ReceiptDetailSheet
        message={message}
        messageExcerpt={message.text}
        isOpen={isOpen}
        onClose={() => setIsOpen(false)}
      />
    </>
  );
}

// An app's optional props pass through as they are (exact optional property types).
export function Strings({ tickRead, children }: { tickRead?: string; children?: ReactNode }) {
  return <ReceiptStringsProvider strings={{ tickRead }}>{children}</ReceiptStringsProvider>;
}

// @ts-expect-error not a NIM instance: the transport's types are real, not any
createNimTransport({});
`,
  'conversationRow.tsx': `import { ConversationReadTick, useLastMessageStatus } from '@readmark/react';
import type { V2NIMConversation } from 'nim-web-sdk-ng/dist/v2/NIM_BROWSER_SDK/V2NIMConversationService.js';

export function ChatRow({ conversation }: { conversation: V2NIMConversation }) {
  return (
    <li>
      {conversation.name} <ConversationReadTick lastMessage={conversation.lastMessage} />
    </li>
  );
}

export function MyChatRow({ conversation }: { conversation: V2NIMConversation }) {
  const status = useLastMessageStatus(conversation.lastMessage);
  return (
    <li>
      {conversation.name} {status === 'read' ? '✓✓' : status === 'sent' ? '✓' : null}
    </li>
  );
}
`,
  'realNim.ts': `import V2NIM from 'nim-web-sdk-ng/dist/v2/NIM_BROWSER_SDK';
import { createNimTransport } from '@readmark/nim';

// As README.md takes it: bundlers such as Vite hand the default import the whole UMD object.
const NIM = (V2NIM as unknown as { default?: typeof V2NIM }).default ?? V2NIM;

export async function connect(accountId: string, token: string) {
  const nim = NIM.getInstance({ appkey: 'YOUR_APP_KEY', apiVersion: 'v2', debugLevel: 'warn' });
  await nim.V2NIMLoginService.login(accountId, token);
  const transport = createNimTransport(nim);
  return { nim, transport, unread: createNimTransport(nim, { isReadTimeSynced: false }) };
}
`,
  'memory.ts': `import { createReceiptEngine } from '@readmark/core';
import { createMemoryServer } from '@readmark/memory';
import { createNimTransport } from '@readmark/nim';

export async function demo() {
  const server = createMemoryServer();
  server.createTeam({ teamId: 'T1', memberIds: ['A', 'B', 'C'] });
  const alice = server.login('A');
  const transport = createNimTransport(alice);
  server.simulateTeamReaders({ teamId: 'T1', minDelayMs: 500, maxDelayMs: 4000, seed: 1 });
  await server.settle();
  const engine = createReceiptEngine({ transport, accountId: 'A' });
  engine.dispose();
  alice.V2NIMMessageService.on('onReceiveP2PMessageReadReceipts', (receipts) => {
    const first: string | undefined = receipts[0]?.conversationId;
    return first;
  });
  // @ts-expect-error the memory client's listeners are the SDK's, not any
  alice.V2NIMMessageService.on('onReceiveP2PMessageReadReceipts', (receipts: number) => receipts);
}
`,
  // \`npm install @readmark/memory\` and nothing else: the clients are typed by the SDK's
  // declarations, whose listeners need eventemitter3 4 (both come as the package's peers).
  'memoryListeners.ts': `import { createMemoryServer } from '@readmark/memory';

const alice = createMemoryServer().login('A');
alice.V2NIMMessageService.on('onReceiveP2PMessageReadReceipts', (receipts) => {
  const first: string | undefined = receipts[0]?.conversationId;
  return first;
});
// @ts-expect-error the memory client's listeners are the SDK's, not any
alice.V2NIMMessageService.on('onReceiveP2PMessageReadReceipts', (receipts: number) => receipts);
// @ts-expect-error the conversation service's too
alice.V2NIMConversationService.on('onConversationReadTimeUpdated', (id: number) => id);
// @ts-expect-error and the login service's
alice.V2NIMLoginService.on('onLoginStatus', (status: string) => status);
`,
  // README's install with the SDK: its listeners (NimLike's are the same) need eventemitter3 4, a
  // peer of @readmark/nim, since the SDK does not declare it.
  'nimListeners.ts': `import { createNimTransport, type NimLike } from '@readmark/nim';

export function connect(nim: NimLike) {
  nim.V2NIMMessageService.on('onReceiveTeamMessageReadReceipts', (receipts) => {
    const unread: number | undefined = receipts[0]?.unreadCount;
    return unread;
  });
  // @ts-expect-error the SDK's listeners are typed, not any
  nim.V2NIMMessageService.on('onReceiveTeamMessageReadReceipts', (receipts: string) => receipts);
  return createNimTransport(nim);
}
`,
  'hooks.tsx': `import type { ReceiptMessage } from '@readmark/core';
import {
  useMessageReceipt,
  useReadReceipts,
  useReceiptEngine,
  useTeamReceiptDetail,
} from '@readmark/react';

export function MyTick({ message }: { message: ReceiptMessage }) {
  const receipt = useMessageReceipt(message);
  if (receipt.mode === 'none') return null;
  return receipt.mode === 'p2p' ? (
    <span>{receipt.status}</span>
  ) : (
    <span>{receipt.unreadCount} unread</span>
  );
}

export function MyList({ messages }: { conversationId: string; messages: ReceiptMessage[] }) {
  const { markRead, flush, setSendingReceipts, isDisposed } = useReceiptEngine();
  markRead(messages);
  flush();
  setSendingReceipts(false);
  return isDisposed ? null : <ul />;
}

export function MyHeader({ last }: { last: ReceiptMessage }) {
  const { peerReadTime, selfReadTime, isPeerRead, markRead } = useReadReceipts(last.conversationId);
  markRead([last]);
  return <h1>{isPeerRead(last) ? 'read' : peerReadTime - selfReadTime}</h1>;
}

export function MyMembers({ message }: { message: ReceiptMessage }) {
  const { readAccountList, unreadAccountList, readCount, unreadCount, isLoading, error, refresh } =
    useTeamReceiptDetail(message);
  refresh();
  return (
    <p>
      {readAccountList.join()} {unreadAccountList.join()} {readCount} {unreadCount}
      {isLoading ? '…' : String(error ?? '')}
    </p>
  );
}

export function Typed({ message }: { message: ReceiptMessage }) {
  // @ts-expect-error a hook's result is typed, not any
  const mode: number = useMessageReceipt(message).mode;
  return mode;
}
`,
  'customTransport.tsx': `import {
  createReceiptEngine,
  localStorageOutbox,
  MessageSendingState,
  type ReceiptMessage,
  type ReceiptTransport,
  receiptModeOf,
  type TransportEvent,
} from '@readmark/core';
import { ReadTick, ReceiptProvider } from '@readmark/react';
import '@readmark/react/styles.css';

interface MyBackend {
  post<T>(path: string, body: unknown): Promise<T>;
  get<T>(path: string): Promise<T>;
  onPush(callback: (push: TransportEvent) => void): () => void;
}

export function createMyTransport(api: MyBackend): ReceiptTransport {
  return {
    sendP2PMessageReceipt: (message) =>
      api.post('/receipts/p2p', {
        messageClientId: message.messageClientId,
        createTime: message.createTime,
      }),
    getP2PMessageReceipt: (conversationId) =>
      api.get(\`/receipts/p2p/\${encodeURIComponent(conversationId)}\`),
    sendTeamMessageReceipts: (messages) =>
      api.post(
        '/receipts/team',
        messages.map((m) => m.messageClientId),
      ),
    getTeamMessageReceipts: (messages) =>
      api.post(
        '/receipts/team/query',
        messages.map((m) => m.messageClientId),
      ),
    getTeamMessageReceiptDetail: (message, memberAccountIds) =>
      api.post('/receipts/team/detail', { id: message.messageClientId, memberAccountIds }),
    subscribe: (listener) => api.onPush((push) => listener(push)),
  };
}

export function App({ api, message }: { api: MyBackend; message: ReceiptMessage }) {
  const transport = createMyTransport(api);
  const failed = { ...message, sendingState: MessageSendingState.FAILED };
  return (
    <ReceiptProvider
      transport={transport}
      accountId="A"
      locale="zh-CN"
      strings={{}}
      resolveMember={(accountId) => ({ name: accountId })}
      engineOptions={{ storage: localStorageOutbox(), onError: () => {} }}
    >
      {receiptModeOf('A', message) === 'none' ? null : <ReadTick message={failed} />}
    </ReceiptProvider>
  );
}

export const engine = createReceiptEngine({ transport: createMyTransport({} as MyBackend), accountId: 'A' });
// @ts-expect-error a ReadTick needs its message
export const noMessage = <ReadTick />;
// Any language tag is accepted (it falls back to English); a locale is still a string.
export const french = <ReceiptProvider engine={engine} locale="fr" />;
// @ts-expect-error a locale is a language tag, not a number
export const numericLocale = <ReceiptProvider engine={engine} locale={7} />;
// Signed out, written so: no account yet, no SDK yet.
export const signedOut = <ReceiptProvider transport={null} accountId="" />;
// @ts-expect-error \`accountId\` goes with \`transport\` (\`''\` while nobody is logged in)
export const noAccount = <ReceiptProvider transport={createMyTransport({} as MyBackend)} />;
// @ts-expect-error an engine you own or a transport, not both
export const both = <ReceiptProvider engine={engine} transport={engine.transport} accountId="A" />;
// @ts-expect-error a transport has five calls and subscribe
createReceiptEngine({ transport: {}, accountId: 'A' });
`,
};

function typeCheck(apps) {
  section(
    'types: README-style code against the packed .d.ts (workspace TypeScript, strict, exact optional properties)',
  );
  const tsc = join(root, 'node_modules/typescript/bin/tsc');
  const base = {
    target: 'ES2022',
    jsx: 'react-jsx',
    strict: true,
    // As the strictest apps compile: optional props take \`undefined\` only where declared so.
    exactOptionalPropertyTypes: true,
    noEmit: true,
    lib: ['ES2022', 'DOM', 'DOM.Iterable'],
    types: [],
    esModuleInterop: true,
  };
  const everything = Object.keys(SOURCES);
  const runs = [
    {
      app: apps.withSdk,
      label:
        'with nim-web-sdk-ng: every README section, moduleResolution bundler, skipLibCheck off',
      options: { module: 'ESNext', moduleResolution: 'bundler', skipLibCheck: false },
      files: everything,
    },
    {
      app: apps.withSdk,
      label: 'the same under moduleResolution nodenext (Node apps, SSR servers)',
      // realNim.ts is left out: the SDK's own extensionless deep import is not nodenext-ready.
      options: { module: 'NodeNext', moduleResolution: 'NodeNext', skipLibCheck: false },
      files: everything.filter((file) => file !== 'realNim.ts'),
    },
    {
      app: apps.withoutSdk,
      label: 'without nim-web-sdk-ng: a custom transport with core and react, skipLibCheck off',
      options: { module: 'ESNext', moduleResolution: 'bundler', skipLibCheck: false },
      files: ['env.d.ts', 'customTransport.tsx', 'hooks.tsx'],
    },
    {
      app: apps.memoryOnly,
      label:
        "only @readmark/memory installed: its clients' listeners are the SDK's, not any, with skipLibCheck on (Vite's template)",
      options: { module: 'ESNext', moduleResolution: 'bundler', skipLibCheck: true },
      files: ['memoryListeners.ts'],
    },
    {
      app: apps.nimWithSdk,
      label:
        "core, react, nim and nim-web-sdk-ng installed: the SDK's listeners are typed, not any, with skipLibCheck on",
      options: { module: 'ESNext', moduleResolution: 'bundler', skipLibCheck: true },
      files: ['nimListeners.ts'],
    },
  ];
  for (const [index, { app, label, options, files }] of runs.entries()) {
    const dir = join(app.dir, `types-${index}`);
    mkdirSync(dir, { recursive: true });
    for (const file of files) writeFileSync(join(dir, file), SOURCES[file]);
    const tsconfig = join(app.dir, `tsconfig.${index}.json`);
    writeFileSync(
      tsconfig,
      JSON.stringify({ compilerOptions: { ...base, ...options }, include: [`types-${index}`] }),
    );
    const result = run(process.execPath, [tsc, '-p', tsconfig], { cwd: app.dir });
    check(label, () => (result.ok ? [] : result.output.split('\n')));
  }
}

// --- 6. the docs' code: every TypeScript block of the READMEs and docs/*.md, as written ---------

/** The pages whose code users copy: the READMEs (npm shows each package's) and the guides. */
const DOC_PAGES = [
  'README.md',
  ...readdirSync(join(root, 'packages'))
    .filter((dir) => existsSync(join(root, 'packages', dir, 'README.md')))
    .sort()
    .map((dir) => `packages/${dir}/README.md`),
  ...readdirSync(join(root, 'docs'))
    .filter((file) => file.endsWith('.md'))
    .sort()
    .map((file) => `docs/${file}`),
];

/**
 * What a sample may use without importing or declaring it: the names its prose gives the reader's
 * app (the transport made, the signed-in account `me`, the message a row shows, your own chat and
 * icon components), and what Vite's `vite/client` types declare for stylesheet imports. Any other
 * undeclared name fails the check, so a sample grows its own imports and props, not this list.
 */
const DOC_CONTEXT = `declare module '*.css';
type AppNode = import('react').ReactNode;
declare const transport: import('@readmark/core').ReceiptTransport;
declare const me: string;
declare const message: import('nim-web-sdk-ng/dist/v2/NIM_BROWSER_SDK/V2NIMMessageService.js').V2NIMMessage;
declare const isOpen: boolean;
declare function open(): void;
declare function close(): void;
declare function Chat(): AppNode;
declare function SupportChat(): AppNode;
declare function TeamChat(): AppNode;
declare function ClockIcon(): AppNode;
declare function CheckIcon(): AppNode;
declare function DoubleCheckIcon(): AppNode;
declare function AlertIcon(): AppNode;
`;

/**
 * The fenced ts/tsx blocks of the docs, each with the line its code starts on. A block whose first
 * line is a `// excerpt` comment (a method of a larger object, a JSX fragment of props) is a piece
 * of something and is left out; the rest must compile as written.
 */
function docBlocks() {
  const blocks = [];
  for (const page of DOC_PAGES) {
    const lines = readFileSync(join(root, page), 'utf8').split('\n');
    let open;
    lines.forEach((line, index) => {
      const fence = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)\s*$/.exec(line);
      if (!open) {
        // The code starts on the line after the fence (lines count from 1).
        if (fence)
          open = {
            page,
            line: index + 2,
            indent: fence[1],
            fence: fence[2],
            lang: fence[3],
            body: [],
          };
        return;
      }
      const closes = fence && !fence[3] && fence[2].startsWith(open.fence);
      if (!closes) {
        // Blocks inside list items are indented; their code is not.
        open.body.push(line.startsWith(open.indent) ? line.slice(open.indent.length) : line);
        return;
      }
      if (['ts', 'tsx', 'typescript'].includes(open.lang)) {
        const code = `${open.body.join('\n')}\n`;
        blocks.push({ ...open, code, isExcerpt: /^\s*\/\/\s*excerpt\b/i.test(code) });
      }
      open = undefined;
    });
  }
  return blocks;
}

/**
 * Only a bundler resolves a relative import without its extension (`./restReceiptTransport`) and
 * the SDK's extensionless UMD entry; types imported from the SDK must resolve under nodenext too.
 */
const isBundlerOnly = (code) =>
  /\bfrom\s+['"]\.\.?\//.test(code) ||
  /^import\s+(?!type\b)[^;]*?from\s+['"]nim-web-sdk-ng\/dist\/v2\/NIM_BROWSER_SDK['"]/m.test(code);

function typeCheckDocs(app) {
  const blocks = docBlocks();
  const checked = blocks.filter((block) => !block.isExcerpt);
  const excerpts = blocks.filter((block) => block.isExcerpt);
  const at = (block) => `${block.page.replace(/^docs\//, '')}:${block.line - 1}`;
  section(
    `the docs' code: ${checked.length} TypeScript blocks of README.md, packages/*/README.md and docs/*.md, as written ` +
      `(${excerpts.length} marked \`// excerpt\` left out: ${excerpts.map(at).join(', ')})`,
  );
  const dir = join(app.dir, 'docs-code');
  mkdirSync(dir, { recursive: true });
  const byFile = new Map();
  for (const block of checked) {
    // packages/react/README.md -> packages-react-README-12.tsx: a name the error mapping below reads.
    const name = `${block.page
      .replace(/^docs\//, '')
      .replace(/\.md$/, '')
      .replaceAll('/', '-')}-${block.line}.${block.lang === 'tsx' ? 'tsx' : 'ts'}`;
    byFile.set(name, block);
    writeFileSync(join(dir, name), block.code);
  }
  writeFileSync(join(dir, 'context.d.ts'), DOC_CONTEXT);
  // The custom-transport guide's samples import the example it walks through.
  for (const file of readdirSync(join(root, 'docs/examples'))) {
    if (/\.ts$/.test(file) && !/\.test\.ts$/.test(file)) {
      writeFileSync(join(dir, file), readFileSync(join(root, 'docs/examples', file)));
    }
  }
  const tsc = join(root, 'node_modules/typescript/bin/tsc');
  // Vite's react-ts template's checks (noUnused*, verbatimModuleSyntax, …), stricter where an app
  // may be: exact optional properties and the libraries' own declarations checked.
  const base = {
    target: 'ES2022',
    lib: ['ES2022', 'DOM', 'DOM.Iterable'],
    jsx: 'react-jsx',
    types: [],
    noEmit: true,
    skipLibCheck: false,
    strict: true,
    exactOptionalPropertyTypes: true,
    noUnusedLocals: true,
    noUnusedParameters: true,
    noFallthroughCasesInSwitch: true,
    noUncheckedSideEffectImports: true,
    verbatimModuleSyntax: true,
    erasableSyntaxOnly: true,
    moduleDetection: 'force',
  };
  const nodenextFiles = [...byFile].filter(([, block]) => !isBundlerOnly(block.code));
  const runs = [
    {
      label: `moduleResolution bundler (a Vite app): all ${byFile.size}`,
      options: { module: 'ESNext', moduleResolution: 'bundler' },
      include: ['docs-code'],
    },
    {
      label: `moduleResolution nodenext: the ${nodenextFiles.length} without a relative import or the SDK's UMD entry`,
      options: { module: 'NodeNext', moduleResolution: 'NodeNext' },
      include: ['docs-code/context.d.ts', ...nodenextFiles.map(([name]) => `docs-code/${name}`)],
    },
  ];
  for (const [index, { label, options, include }] of runs.entries()) {
    const tsconfig = join(app.dir, `tsconfig.docs-${index}.json`);
    writeFileSync(tsconfig, JSON.stringify({ compilerOptions: { ...base, ...options }, include }));
    const result = run(process.execPath, [tsc, '-p', tsconfig], { cwd: app.dir });
    // Errors point at the page and line, not at the temporary file.
    const where = (text) =>
      text.replace(/docs-code\/([\w.-]+)\((\d+),(\d+)\)/g, (found, file, row, column) => {
        const block = byFile.get(file);
        return block ? `${block.page}:${block.line + Number(row) - 1}:${column}` : found;
      });
    check(label, () => (result.ok ? [] : where(result.output).split('\n')));
  }
}

// ---------------------------------------------------------------------------------------------

const temp = mkdtempSync(join(tmpdir(), 'readmark-pack-smoke-'));
try {
  main();
} catch (error) {
  failureCount += 1;
  console.log(`\n✗ ${error instanceof Error ? (error.stack ?? error.message) : error}`);
} finally {
  rmSync(temp, { recursive: true, force: true });
}
const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
if (failureCount > 0) {
  console.log(`\n✗ packaging smoke test: ${failureCount} check(s) failed (${seconds} s)`);
  process.exit(1);
}
console.log(`\n✓ packaging smoke test passed (${seconds} s)`);
