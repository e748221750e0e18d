import { readFileSync, writeFileSync } from 'node:fs';
import type { BenchResult } from './BenchResult';

const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

function show(value: number | null): string {
  if (value === null) return '–';
  if (!Number.isFinite(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(0) : String(Math.round(value * 1000) / 1000);
}

/**
 * The results as a Markdown table, its columns padded to their widest cell the way the repo's
 * formatter (Biome) lays tables out, so a fresh table passes `biome ci` as written.
 */
export function formatTable(results: readonly BenchResult[]): string {
  const header = ['id', 'value', 'unit', 'baseline', 'ratio', 'goal', 'pass'];
  const isRight = [false, true, false, true, true, false, false];
  const rows = results.map((r) => [
    r.id,
    show(r.value),
    r.unit,
    show(r.baseline),
    show(r.ratio),
    r.goal,
    r.pass ? 'yes' : '**no**',
  ]);
  const widths = header.map((title, column) =>
    Math.max(3, title.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: string[]) =>
    `| ${cells
      .map((cell, column) =>
        isRight[column] ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!),
      )
      .join(' | ')} |`;
  const rule = `| ${widths
    .map((width, column) => (isRight[column] ? `${'-'.repeat(width - 1)}:` : '-'.repeat(width)))
    .join(' | ')} |`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** Rewrites the table between the markers in BENCHMARKS.md with the latest run. */
export function updateBenchmarksDoc(
  path: string,
  results: readonly BenchResult[],
  repetitions: number,
  ranAt: Date,
): void {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return;
  }
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start === -1 || end === -1) return;
  const stamp = `Latest run: ${ranAt.toISOString().slice(0, 16).replace('T', ' ')} UTC, ${repetitions} repetitions, medians.`;
  const block = `${START}\n${stamp}\n\n${formatTable(results)}\n${END}`;
  writeFileSync(path, text.slice(0, start) + block + text.slice(end + END.length));
}
