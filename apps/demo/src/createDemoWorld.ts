import {
  p2pConversationId,
  type ReceiptError,
  type ReceiptErrorContext,
  teamConversationId,
} from '@readmark/core';
import { createMemoryServer } from '@readmark/memory';
import { type CallCounter, createCallCounter } from './callCounter';
import { createDemoDevice, type DemoDevice } from './createDemoDevice';
import type { DemoOptions } from './demoOptions';

/** Account ids of the demo's people. */
export const ALICE = 'alice';
export const BOB = 'bob';
/** The demo team's id. */
export const TEAM_ID = 'design';

/** Simulated team members who read the sender's flagged messages; can be paused. */
export interface TeamSimulation {
  isRunning(): boolean;
  setRunning(isRunning: boolean): void;
  subscribe(onChange: () => void): () => void;
}

/** Everything the demo shows, created once per page (never at module scope). */
export interface DemoWorld {
  counter: CallCounter;
  /** Alice: one device; she chats with Bob and is the sender in the team. */
  alice: DemoDevice;
  bobLaptop: DemoDevice;
  bobPhone: DemoDevice;
  /** Everyone in the team, Alice and Bob included. */
  teamSize: number;
  simulation: TeamSimulation;
}

/** The demo's member ids: m001, m002, … */
export function teamMemberId(index: number): string {
  return `m${String(index).padStart(3, '0')}`;
}

/**
 * Builds the demo on one in-browser memory server: Alice on one device, Bob on two, and a team of
 * `teamSize` members (Alice, Bob and simulated members who read over time).
 */
export function createDemoWorld(options: DemoOptions): DemoWorld {
  const server = createMemoryServer({ latencyMs: options.latencyMs });
  // The server's passing trouble (503, retried by the engine), for the sheet's "Trying again…".
  if (options.detailFailures > 0) {
    server.injectFault({
      method: 'getTeamMessageReceiptDetail',
      code: 503,
      times: options.detailFailures,
    });
  }
  const counter = createCallCounter();
  // Bob is a real member with his own pane; everyone else is simulated.
  const simulatedMemberIds = Array.from({ length: Math.max(0, options.teamSize - 2) }, (_, i) =>
    teamMemberId(i + 1),
  );
  const memberIds = [ALICE, BOB, ...simulatedMemberIds];
  server.createTeam({ teamId: TEAM_ID, memberIds });

  const logError = (error: ReceiptError, context: ReceiptErrorContext) => {
    // The demo keeps going; the kit already turned the failure into state where it matters
    // (e.g. 190002 while a device is offline, which the offline switch causes on purpose).
    console.warn(
      `[readmark demo] ${context.operation} ${context.conversationId}: ${error.code} ${error.message}`,
    );
  };
  /** A device of Alice's or Bob's, in their chat and, if `isInTeam`, the team chat. */
  const device = (accountId: string, deviceId: string, { isInTeam }: { isInTeam: boolean }) => {
    const peer = accountId === ALICE ? BOB : ALICE;
    const p2p = p2pConversationId(accountId, peer);
    return createDemoDevice({
      server,
      accountId,
      deviceId,
      counter,
      conversationIds: isInTeam ? [p2p, teamConversationId(accountId, TEAM_ID)] : [p2p],
      onError: logError,
    });
  };
  const alice = device(ALICE, 'alice', { isInTeam: true });
  const bobLaptop = device(BOB, 'bob-laptop', { isInTeam: true });
  // The phone shows only the one-to-one chat.
  const bobPhone = device(BOB, 'bob-phone', { isInTeam: false });

  let stopReaders: (() => void) | undefined;
  const simulationListeners = new Set<() => void>();
  const simulation: TeamSimulation = {
    isRunning: () => stopReaders !== undefined,
    setRunning(isRunning) {
      if (isRunning === (stopReaders !== undefined)) return;
      if (isRunning) {
        const handle = server.simulateTeamReaders({
          teamId: TEAM_ID,
          readerIds: simulatedMemberIds,
          minDelayMs: options.readerMinDelayMs,
          maxDelayMs: options.readerMaxDelayMs,
          seed: options.seed,
        });
        stopReaders = () => handle.stop();
      } else {
        stopReaders?.();
        stopReaders = undefined;
      }
      for (const listener of simulationListeners) listener();
    },
    subscribe(onChange) {
      simulationListeners.add(onChange);
      return () => {
        simulationListeners.delete(onChange);
      };
    },
  };
  simulation.setRunning(options.isSimulationRunning);

  return {
    counter,
    alice,
    bobLaptop,
    bobPhone,
    teamSize: memberIds.length,
    simulation,
  };
}
