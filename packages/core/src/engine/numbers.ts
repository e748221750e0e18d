/** The numbers the kit accepts from outside (messages, events, answers, options). */

/** A usable time: finite and not negative (Infinity would mark everything read forever). */
export function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/** A usable count: a non-negative integer. */
export function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}
