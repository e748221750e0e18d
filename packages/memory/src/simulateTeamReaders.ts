import type { MemoryServer } from './createMemoryServer';
import type { MemoryClient } from './MemoryClient';
import { createReadScheduler } from './readScheduler';
import type { V2NIMMessage } from './sdkTypes';
import type { SimulationHandle } from './simulatePeerReader';

/** How many recent team messages each simulated member looks at when it starts. */
const HISTORY_LIMIT = 100;

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
  const reads = createReadScheduler(options);
  const readerIds = options.readerIds ?? server.getTeamMemberIds(options.teamId);
  const readers: Array<{ client: MemoryClient; onReceive: (messages: V2NIMMessage[]) => void }> =
    [];

  for (const readerId of readerIds) {
    const client = server.login(readerId);
    const scheduled = new Set<string>();
    const onReceive = (messages: V2NIMMessage[]) => {
      for (const message of messages) {
        if (message.conversationType !== 2 || message.receiverId !== options.teamId) continue;
        if (message.senderId === readerId || !message.messageConfig?.readReceiptEnabled) continue;
        if (scheduled.has(message.messageClientId)) continue;
        scheduled.add(message.messageClientId);
        reads.schedule(() => client.V2NIMMessageService.sendTeamMessageReceipts([message]));
      }
    };
    client.V2NIMMessageService.on('onReceiveMessages', onReceive);
    // Catch up on recent history too, so a paused and resumed simulation reads what it missed;
    // receipts for messages already read are silent no-ops on the server (G4).
    client.V2NIMMessageService.getMessageList({
      conversationId: client.V2NIMConversationIdUtil.teamConversationId(options.teamId),
      limit: HISTORY_LIMIT,
    })
      .then((history) => {
        if (!reads.isStopped) onReceive([...history].reverse());
      })
      .catch(() => undefined);
    readers.push({ client, onReceive });
  }

  return {
    stop() {
      reads.stop();
      for (const { client, onReceive } of readers) {
        client.V2NIMMessageService.off('onReceiveMessages', onReceive);
        client.logout();
      }
    },
  };
}
