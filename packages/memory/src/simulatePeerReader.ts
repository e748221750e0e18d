import type { MemoryServer } from './createMemoryServer';
import type { MemoryClient } from './MemoryClient';
import { invalidParameter } from './NimError';
import type { V2NIMMessage } from './sdkTypes';
import { seededRandom } from './seededRandom';

/** What a simulation returns: `stop()` cancels pending reads and logs its devices out. */
export interface SimulationHandle {
  stop(): void;
}

/** Options of `server.simulatePeerReader`. */
export interface PeerReaderOptions {
  /** The simulated account; it is logged in as a new device. */
  accountId: string;
  /** Only messages from these senders are read; defaults to everyone. */
  peerIds?: string[];
  minDelayMs: number;
  maxDelayMs: number;
  /** Seed of the delays; the same seed gives the same reading order. Defaults to 1. */
  seed?: number;
}

// Compiled without DOM or Node types; these timer functions exist on every platform.
interface PlatformTimers {
  setTimeout(callback: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
}
/** The platform timers, looked up when used so importing stays SSR-safe. */
export function platformTimers(): PlatformTimers {
  return globalThis as unknown as PlatformTimers;
}

/** Checks the delay range shared by both simulations. */
export function checkDelays(minDelayMs: unknown, maxDelayMs: unknown): void {
  if (
    typeof minDelayMs !== 'number' ||
    typeof maxDelayMs !== 'number' ||
    !(minDelayMs >= 0) ||
    !(maxDelayMs >= minDelayMs)
  ) {
    throw invalidParameter('need 0 <= minDelayMs <= maxDelayMs');
  }
}

/**
 * A simulated P2P peer: after a seeded random delay it sends `sendP2PMessageReceipt` for each P2P
 * message it receives, through the public client API, so the full receipt path runs.
 */
export function simulatePeerReader(
  server: MemoryServer,
  options: PeerReaderOptions,
): SimulationHandle {
  checkDelays(options.minDelayMs, options.maxDelayMs);
  const random = seededRandom(options.seed ?? 1);
  const client: MemoryClient = server.login(options.accountId);
  const peers = options.peerIds ? new Set(options.peerIds) : undefined;
  const timers = new Set<unknown>();
  let isStopped = false;

  const onReceiveMessages = (messages: V2NIMMessage[]) => {
    for (const message of messages) {
      if (message.conversationType !== 1 || message.senderId === options.accountId) continue;
      if (peers && !peers.has(message.senderId)) continue;
      scheduleWithRetry({
        timers,
        delayMs: () => options.minDelayMs + random() * (options.maxDelayMs - options.minDelayMs),
        isStopped: () => isStopped,
        run: () => client.V2NIMMessageService.sendP2PMessageReceipt(message),
      });
    }
  };
  client.V2NIMMessageService.on('onReceiveMessages', onReceiveMessages);

  return {
    stop() {
      isStopped = true;
      for (const handle of timers) platformTimers().clearTimeout(handle);
      timers.clear();
      client.V2NIMMessageService.off('onReceiveMessages', onReceiveMessages);
      client.logout();
    },
  };
}

/** How many times a simulated reader tries one receipt before giving up. */
const MAX_ATTEMPTS = 10;

/**
 * Runs `run` after a delay and, like a real client, tries again after another delay when it fails
 * with a retryable code (rate limit or connection loss, e.g. injected faults or a dropped
 * connection). A timeout (191005) took effect on the server, so it is not repeated. Other
 * rejections (e.g. a receipt after logout) are part of the simulation, not errors.
 */
export function scheduleWithRetry(options: {
  timers: Set<unknown>;
  delayMs: () => number;
  isStopped: () => boolean;
  run: () => Promise<unknown>;
}): void {
  const attempt = (count: number) => {
    const handle = platformTimers().setTimeout(() => {
      options.timers.delete(handle);
      if (options.isStopped()) return;
      options.run().catch((error: unknown) => {
        const code = (error as { code?: unknown } | null)?.code;
        const isRetryable =
          code === 416 ||
          code === 107317 ||
          (typeof code === 'number' && code >= 192001 && code <= 192999);
        if (isRetryable && count < MAX_ATTEMPTS && !options.isStopped()) attempt(count + 1);
      });
    }, options.delayMs());
    options.timers.add(handle);
  };
  attempt(1);
}
