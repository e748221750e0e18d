import type { MemoryServer } from './createMemoryServer';
import type { MemoryClient } from './MemoryClient';
import { createReadScheduler } from './readScheduler';
import type { V2NIMMessage } from './sdkTypes';

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

/**
 * A simulated P2P peer: after a seeded random delay it sends `sendP2PMessageReceipt` for each P2P
 * message it receives, through the public client API, so the full receipt path runs.
 */
export function simulatePeerReader(
  server: MemoryServer,
  options: PeerReaderOptions,
): SimulationHandle {
  const reads = createReadScheduler(options);
  const client: MemoryClient = server.login(options.accountId);
  const peers = options.peerIds ? new Set(options.peerIds) : undefined;

  const onReceiveMessages = (messages: V2NIMMessage[]) => {
    for (const message of messages) {
      if (message.conversationType !== 1 || message.senderId === options.accountId) continue;
      if (peers && !peers.has(message.senderId)) continue;
      reads.schedule(() => client.V2NIMMessageService.sendP2PMessageReceipt(message));
    }
  };
  client.V2NIMMessageService.on('onReceiveMessages', onReceiveMessages);

  return {
    stop() {
      reads.stop();
      client.V2NIMMessageService.off('onReceiveMessages', onReceiveMessages);
      client.logout();
    },
  };
}
