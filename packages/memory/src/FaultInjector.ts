import { invalidParameter, type NimError } from './NimError';
import { seededRandom } from './seededRandom';
import { snapshotOf } from './validateReceiptArgs';

/**
 * The client calls a fault can be injected into (see `MemoryServer.injectFault`) and that random
 * faults can fail (`RandomFaults.methods`).
 */
export const FAULTABLE_METHODS = [
  'sendMessage',
  'getMessageList',
  'sendP2PMessageReceipt',
  'getP2PMessageReceipt',
  'sendTeamMessageReceipts',
  'getTeamMessageReceipts',
  'getTeamMessageReceiptDetail',
  'getConversationReadTime',
  'revokeMessage',
  'getConversation',
  'getConversationList',
  'markConversationRead',
] as const;
/** One of {@link FAULTABLE_METHODS}. */
export type FaultableMethod = (typeof FAULTABLE_METHODS)[number];

/**
 * Random, seeded faults of the simulated network (see `MemoryServerOptions.faults`). Every draw comes
 * from one PRNG seeded with `seed`, so the same seed and the same sequence of calls give the same
 * failures, delays, duplicates and reorderings.
 */
export interface RandomFaults {
  /** Share of calls (0-1) that fail before reaching the server: rejected with a retryable code, no effect. */
  failureRate?: number;
  /** Codes a failed call rejects with, drawn at random. Defaults to `[192005, 416]` (protocol send failed, rate limit; both retryable). */
  failureCodes?: number[];
  /**
   * Share of calls (0-1) whose effect happens on the server but whose answer is lost: the caller gets
   * 192004 (protocol timeout, what the SDK's packet timer rejects with). A caller that retries must therefore be idempotent. Off by default: it is the
   * one deliberate exception to SPEC E2 ("a rejected call changes nothing"), as real timeouts are.
   */
  timeoutRate?: number;
  /** Delay of every call round trip and delivery, drawn in `[min, max]` ms. Defaults to the server's `latencyMs`. */
  latencyMs?: [number, number];
  /** Share of receipt and read-time events (0-1) delivered twice. */
  duplicateRate?: number;
  /**
   * Receipt and read-time events held back so later ones overtake them: `true` for every event, or a
   * share (0-1). Held events arrive `max(latency) + 1` to `3 × max(latency) + 1` ms late, or 2-12
   * microtask hops late when the latency is 0.
   */
  reorder?: boolean | number;
  /** Calls that can fail or time out. Defaults to the four receipt calls that reach the server. */
  methods?: FaultableMethod[];
  /** Seed of the PRNG. Defaults to 1. */
  seed?: number;
}

/** How one delivery is delayed: `delayMs` > 0 uses a timer, otherwise `hops` microtask hops. */
export interface Delay {
  delayMs: number;
  hops: number;
}

/** The receipt calls that go to the server (`getP2PMessageReceipt` reads a local cache, P7). */
const DEFAULT_METHODS: readonly FaultableMethod[] = [
  'sendP2PMessageReceipt',
  'sendTeamMessageReceipts',
  'getTeamMessageReceipts',
  'getTeamMessageReceiptDetail',
];

function isRate(value: unknown): boolean {
  return typeof value === 'number' && value >= 0 && value <= 1;
}

/** Every option of {@link RandomFaults}. */
const FAULT_OPTIONS: readonly string[] = [
  'failureRate',
  'failureCodes',
  'timeoutRate',
  'latencyMs',
  'duplicateRate',
  'reorder',
  'methods',
  'seed',
];

/**
 * Validates `faults` completely before anything is changed (a bad option changes nothing). As
 * `injectFault` does, it refuses what would silently never fire: an unknown option (a misspelt
 * rate), a method that is not one of {@link FAULTABLE_METHODS}, a code that is not a NIM code.
 */
function checkRandomFaults(faults: unknown): NimError | undefined {
  if (typeof faults !== 'object' || faults === null || Array.isArray(faults)) {
    return invalidParameter('faults must be an object');
  }
  const f = faults as Record<string, unknown>;
  const unknown = Object.keys(f).filter((key) => !FAULT_OPTIONS.includes(key));
  if (unknown.length > 0) {
    return invalidParameter(
      `unknown fault option ${unknown.join(', ')}; the options are ${FAULT_OPTIONS.join(', ')}`,
    );
  }
  for (const key of ['failureRate', 'timeoutRate', 'duplicateRate'] as const) {
    if (f[key] !== undefined && !isRate(f[key]))
      return invalidParameter(`${key} must be in [0, 1]`);
  }
  if (f.reorder !== undefined && typeof f.reorder !== 'boolean' && !isRate(f.reorder)) {
    return invalidParameter('reorder must be a boolean or a rate in [0, 1]');
  }
  if (f.latencyMs !== undefined) {
    const range = f.latencyMs;
    if (
      !Array.isArray(range) ||
      range.length !== 2 ||
      !range.every((n) => typeof n === 'number' && Number.isFinite(n) && n >= 0) ||
      range[0] > range[1]
    ) {
      return invalidParameter('latencyMs must be [min, max] with 0 <= min <= max');
    }
  }
  if (
    f.failureCodes !== undefined &&
    (!Array.isArray(f.failureCodes) ||
      f.failureCodes.length === 0 ||
      !f.failureCodes.every((c) => Number.isInteger(c) && c >= 100))
  ) {
    return invalidParameter('failureCodes must be a non-empty array of NIM error codes');
  }
  if (
    f.methods !== undefined &&
    (!Array.isArray(f.methods) ||
      !f.methods.every((m) => (FAULTABLE_METHODS as readonly unknown[]).includes(m)))
  ) {
    return invalidParameter(`methods must be among ${FAULTABLE_METHODS.join(', ')}`);
  }
  if (f.seed !== undefined && !(typeof f.seed === 'number' && Number.isFinite(f.seed))) {
    return invalidParameter('seed must be a finite number');
  }
  return undefined;
}

/** `faults` with every field and list read once (holes become undefined); a non-object as it is. */
function copyFaults(faults: unknown): unknown {
  if (typeof faults !== 'object' || faults === null || Array.isArray(faults)) return faults;
  const copy: Record<string, unknown> = { ...faults };
  for (const key of ['latencyMs', 'failureCodes', 'methods']) {
    const list = copy[key];
    if (Array.isArray(list)) copy[key] = Array.from(list);
  }
  return copy;
}

/** What happens to one call: it fails before the server, times out after it, or goes through. */
export type CallFate = { kind: 'ok' } | { kind: 'fail'; code: number } | { kind: 'timeout' };

/**
 * Draws every random fault from one seeded PRNG. With no faults configured it draws nothing, so the
 * default server stays exactly as deterministic as before (fixed latency, in-order, exactly once).
 */
export class FaultInjector {
  private settings: Required<Omit<RandomFaults, 'latencyMs' | 'reorder'>> & {
    latencyMs: [number, number];
    reorderRate: number;
  };
  private random: () => number;

  constructor(private readonly baseLatencyMs: number) {
    this.settings = FaultInjector.normalize({}, baseLatencyMs);
    this.random = seededRandom(1);
  }

  /**
   * Replaces every setting and reseeds the PRNG. Throws 191004 (changing nothing) for bad options,
   * including ones that cannot be read (a throwing getter or Proxy).
   */
  configure(faults: RandomFaults): void {
    // Read once into plain data, so what is checked is what is used.
    const copy = snapshotOf(() => copyFaults(faults));
    const error = copy.error ?? checkRandomFaults(copy.value);
    if (error) throw error;
    const plain = copy.value as RandomFaults;
    this.settings = FaultInjector.normalize(plain, this.baseLatencyMs);
    this.random = seededRandom(plain.seed ?? 1);
  }

  /** The current settings, normalized (defaults filled in). */
  snapshot(): RandomFaults {
    const { reorderRate, ...rest } = this.settings;
    return {
      ...rest,
      latencyMs: [...rest.latencyMs],
      failureCodes: [...rest.failureCodes],
      methods: [...rest.methods],
      reorder: reorderRate,
    };
  }

  /**
   * True when events may arrive twice or out of order. The simulated SDK then emits every delivery
   * as it arrives, as Web 10.8.1 does (SPEC P9), so the app has to withstand them.
   */
  get hasEventFaults(): boolean {
    return this.settings.duplicateRate > 0 || this.settings.reorderRate > 0;
  }

  /** The fate of one call of `method`. */
  fateOf(method: FaultableMethod): CallFate {
    const { failureRate, timeoutRate, methods, failureCodes } = this.settings;
    if (!methods.includes(method) || (failureRate === 0 && timeoutRate === 0))
      return { kind: 'ok' };
    const draw = this.random();
    if (draw < failureRate) {
      const code = failureCodes[Math.floor(this.random() * failureCodes.length)] ?? 192005;
      return { kind: 'fail', code };
    }
    if (draw < failureRate + timeoutRate) return { kind: 'timeout' };
    return { kind: 'ok' };
  }

  /** The delay of one round trip or plain delivery. */
  latency(): Delay {
    const [min, max] = this.settings.latencyMs;
    const delayMs = min === max ? min : min + Math.floor(this.random() * (max - min + 1));
    return { delayMs, hops: 1 };
  }

  /** The deliveries of one receipt or read-time event: one, or two when duplicated; maybe held back. */
  eventDeliveries(): Delay[] {
    const { duplicateRate } = this.settings;
    const count = duplicateRate > 0 && this.random() < duplicateRate ? 2 : 1;
    const delays: Delay[] = [];
    for (let i = 0; i < count; i += 1) delays.push(this.maybeHeldBack(this.latency()));
    return delays;
  }

  private maybeHeldBack(delay: Delay): Delay {
    const { reorderRate, latencyMs } = this.settings;
    if (reorderRate === 0 || this.random() >= reorderRate) return delay;
    const max = latencyMs[1];
    if (max === 0) return { delayMs: 0, hops: 2 + Math.floor(this.random() * 11) };
    return { delayMs: max + 1 + Math.floor(this.random() * (2 * max + 1)), hops: 1 };
  }

  private static normalize(faults: RandomFaults, baseLatencyMs: number) {
    const reorder = faults.reorder ?? false;
    return {
      failureRate: faults.failureRate ?? 0,
      failureCodes: [...(faults.failureCodes ?? [192005, 416])],
      timeoutRate: faults.timeoutRate ?? 0,
      latencyMs: (faults.latencyMs ? [...faults.latencyMs] : [baseLatencyMs, baseLatencyMs]) as [
        number,
        number,
      ],
      duplicateRate: faults.duplicateRate ?? 0,
      reorderRate: reorder === true ? 1 : reorder === false ? 0 : reorder,
      methods: [...(faults.methods ?? DEFAULT_METHODS)],
      seed: faults.seed ?? 1,
    };
  }
}
