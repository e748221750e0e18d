import type { Spec } from './metrics';

/** Node runs (engine only, no DOM). */
export const nodeSpecs: Spec[] = [];
