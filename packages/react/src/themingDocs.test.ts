import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const css = read('./styles.css');
const docs = read('../../../docs/theming.md');

/**
 * `--readmark-*` declarations of the top-level rules whose selector list holds exactly `selector`
 * (`:root` has its sizes in one rule and shares its colours with `[data-theme="light"]`).
 */
function declarations(selector: string): Map<string, string> {
  const rules = [...css.matchAll(/^([^\s@/*}][^{}]*)\{([^}]*)\}/gm)].filter((rule) =>
    rule[1]!.split(',').some((each) => each.trim() === selector),
  );
  expect(rules.length, selector).toBeGreaterThan(0);
  return new Map(
    rules.flatMap((rule) =>
      [...rule[2]!.matchAll(/(--readmark-[a-z-]+):\s*([^;]+);/g)].map(
        (m) => [m[1]!, m[2]!.trim()] as const,
      ),
    ),
  );
}

/** Cells of every markdown table row, trimmed (the formatter pads columns). */
function tableRows(markdown: string): string[][] {
  return markdown
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) =>
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim()),
    );
}

/** The rows of the variables table in docs/theming.md: name → [light, dark]. */
function documented(): Map<string, [string, string]> {
  const unquote = (cell: string) => cell.replace(/^`|`$/g, '');
  const rows = tableRows(docs).filter((cells) => /^`--readmark-/.test(cells[0] ?? ''));
  return new Map(
    rows.map((cells) => {
      const light = unquote(cells[1]!);
      return [unquote(cells[0]!), [light, cells[2] === 'same' ? light : unquote(cells[2]!)]];
    }),
  );
}

describe('docs/theming.md', () => {
  it('documents every CSS variable with its real light and dark values', () => {
    const light = declarations(':root');
    const dark = declarations('[data-theme="dark"]');
    const table = documented();
    expect([...table.keys()].sort()).toEqual([...light.keys()].sort());
    for (const [name, [lightValue, darkValue]] of table) {
      expect(lightValue, name).toBe(light.get(name));
      expect(darkValue, name).toBe(dark.get(name) ?? light.get(name));
    }
  });

  it('keeps the three colour schemes in step: forced light and system dark equal the defaults', () => {
    expect(declarations('[data-theme="light"]')).toEqual(
      new Map(
        [...declarations(':root')].filter(([name]) =>
          declarations('[data-theme="dark"]').has(name),
        ),
      ),
    );
    // Only the media query's own rule: the rest of the file holds the `[data-theme="dark"]` copy.
    const systemDarkStart = css.indexOf(':root:not([data-theme="light"]) {');
    expect(systemDarkStart).toBeGreaterThanOrEqual(0);
    const systemDark = css.slice(systemDarkStart, css.indexOf('}', systemDarkStart));
    for (const [name, value] of declarations('[data-theme="dark"]')) {
      expect(systemDark).toContain(`${name}: ${value};`);
    }
  });

  it('lists every class name the components render', () => {
    const classes = new Set([...css.matchAll(/\.(readmark-[a-z-]+)/g)].map((m) => m[1]!));
    for (const name of classes) expect(docs, name).toContain(`\`${name}\``);
  });
});
