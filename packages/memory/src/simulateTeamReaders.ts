import type { MemoryServer } from './createMemoryServer';
import type { MemoryClient } from './MemoryClient';
import type { V2NIMMessage } from './sdkTypes';
import { seededRandom } from './seededRandom';
import { checkDelays, platformTimers, type SimulationHandle } from './simulatePeerReader';

/** Options of `server.simulateTeamReaders`. */
export interface TeamReadersOptions {
  teamId: string;
  /** The members who read; defaults to every current member. Each is logged in as a new device. */
  readerIds?: string[];
  minDelayMs: number;
  maxDelayMs: number;
  /** Seed of the delays; the same seed gives the same reading order. Defaults to 1. */
  seed?: number;
}

/**
 * Simulated team members: each acknowledges every flagged message of the team sent by someone else
 * (SEED §TEAM step 3: receivers check the flag) after a seeded random delay, through the public
 * `sendTeamMessageReceipts` API, so the sender sees counts fall through the real event path.
 */
export function simulateTeamReaders(
  server: MemoryServer,
  options: TeamReadersOptions,
): SimulationHandle {
  checkDelays(options.minDelayMs, options.maxDelayMs);
  const random = seededRandom(options.seed ?? 1);
  const readerIds = options.readerIds ?? server.getTeamMemberIds(options.teamId);
  const timers = new Set<unknown>();
  let isStopped = false;
  const readers: Array<{ client: MemoryClient; onReceive: (messages: V2NIMMessage[]) => void }> =
    [];

  for (const readerId of readerIds) {
    const client = server.login(readerId);
    const onReceive = (messages: V2NIMMessage[]) => {
      for (const message of messages) {
        if (message.conversationType !== 2 || message.receiverId !== options.teamId) continue;
        if (message.senderId === readerId || !message.messageConfig?.readReceiptEnabled) continue;
        const delay = options.minDelayMs + random() * (options.maxDelayMs - options.minDelayMs);
        const handle = platformTimers().setTimeout(() => {
          timers.delete(handle);
          if (isStopped) return;
          client.V2NIMMessageService.sendTeamMessageReceipts([message]).catch(() => undefined);
        }, delay);
        timers.add(handle);
      }
    };
    client.V2NIMMessageService.on('onReceiveMessages', onReceive);
    readers.push({ client, onReceive });
  }

  return {
    stop() {
      isStopped = true;
      for (const handle of timers) platformTimers().clearTimeout(handle);
      timers.clear();
      for (const { client, onReceive } of readers) {
        client.V2NIMMessageService.off('onReceiveMessages', onReceive);
        client.logout();
      }
    },
  };
}
