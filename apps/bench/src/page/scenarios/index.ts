import { renderCounts } from './renderCounts';

/** Every scenario the harness can run in the page, by name. */
export const scenarios = {
  renderCounts,
};

/** Scenario names. */
export type ScenarioName = keyof typeof scenarios;
