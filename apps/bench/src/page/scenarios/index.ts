import { kitMemory } from './kitMemory';
import { mountTime } from './mountTime';
import { outgoingCalls } from './outgoingCalls';
import { prepend } from './prepend';
import { receiptApply } from './receiptApply';
import { renderCounts } from './renderCounts';
import { scrollFrames } from './scrollFrames';

/** Every scenario the harness can run in the page, by name. */
export const scenarios = {
  renderCounts,
  receiptApply,
  scrollFrames,
  mountTime,
  prepend,
  outgoingCalls,
  kitMemory,
};

/** Scenario names. */
export type ScenarioName = keyof typeof scenarios;
