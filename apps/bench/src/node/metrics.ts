import type { ScenarioName } from '../page/scenarios';
import { type BenchResult, result } from './BenchResult';
import { medianOfFields } from './stats';

/** One variant run once per repetition: in the page (`scenario`) or in Node (`run`). */
export interface Spec {
  key: string;
  scenario?: ScenarioName;
  options?: unknown;
  run?: () => Promise<object>;
}

/** The browser runs of one repetition. Kit and baseline variants sit side by side. */
export const specs: Spec[] = [
  { key: 'm1.kit', scenario: 'renderCounts', options: { variant: 'kit' } },
  { key: 'm1.baseline', scenario: 'renderCounts', options: { variant: 'baseline' } },
];

/** Turns the medians of every variant into results.json lines. */
export function buildResults(runs: Map<string, object[]>): BenchResult[] {
  const m = (key: string): Record<string, number> | undefined => {
    const list = runs.get(key);
    return list ? medianOfFields(list) : undefined;
  };
  const results: BenchResult[] = [];
  const kit1 = m('m1.kit');
  const base1 = m('m1.baseline');
  if (kit1 && base1) {
    results.push(
      result({
        id: 'm1.rowRendersPerAffectedRow',
        value: kit1.rowsPerAffectedRow!,
        unit: 'renders/row',
        baseline: base1.rowsPerAffectedRow!,
        goal: '= 1.00',
        pass: kit1.rowsPerAffectedRow === 1,
      }),
      result({
        id: 'm1.listRenders',
        value: kit1.listRenders!,
        unit: 'renders',
        baseline: base1.listRenders!,
        goal: '= 0',
        pass: kit1.listRenders === 0,
      }),
      result({
        id: 'm1.unmountedRowRenders',
        value: kit1.unmountedRowRenders!,
        unit: 'renders',
        baseline: base1.unmountedRowRenders!,
        goal: '= 0',
        pass: kit1.unmountedRowRenders === 0,
      }),
      result({
        id: 'm1.unaffectedRowRenders',
        value: kit1.unaffectedRowRenders!,
        unit: 'renders',
        baseline: base1.unaffectedRowRenders!,
        goal: '= 0',
        pass: kit1.unaffectedRowRenders === 0,
      }),
    );
  }
  return results;
}
