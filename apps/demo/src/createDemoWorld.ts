import { p2pConversationId, teamConversationId } from '@readmark/core';
import { createMemoryServer, type MemoryServer } from '@readmark/memory';
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
  server: MemoryServer;
  counter: CallCounter;
  /** Alice: one device; she chats with Bob and is the sender in the team. */
  alice: DemoDevice;
  bobLaptop: DemoDevice;
  bobPhone: DemoDevice;
  /** Team members other than Alice, e.g. "m001". */
  teamMemberIds: string[];
  simulation: TeamSimulation;
}

/** The demo's member ids: m001, m002, … */
export function teamMemberId(index: number): string {
  return `m${String(index).padStart(3, '0')}`;
}

/**
 * Builds the demo on one in-browser memory server: Alice on one device, Bob on two, a team of
 * `teamSize` members with Alice as the sender, and simulated readers in that team.
 */
export function createDemoWorld(options: DemoOptions): DemoWorld {
  const server = createMemoryServer({ latencyMs: options.latencyMs });
  const counter = createCallCounter();
  const teamMemberIds = Array.from({ length: options.teamSize - 1 }, (_, i) => teamMemberId(i + 1));
  server.createTeam({ teamId: TEAM_ID, memberIds: [ALICE, ...teamMemberIds] });

  const logError = (error: unknown) => {
    // The demo keeps going; the kit already turned the failure into state where it matters.
    console.warn('[readmark demo]', error);
  };
  const alice = createDemoDevice({
    server,
    accountId: ALICE,
    deviceId: 'alice',
    counter,
    conversationIds: [p2pConversationId(ALICE, BOB), teamConversationId(ALICE, TEAM_ID)],
    onError: logError,
  });
  const bobConversations = [p2pConversationId(BOB, ALICE)];
  const bobLaptop = createDemoDevice({
    server,
    accountId: BOB,
    deviceId: 'bob-laptop',
    counter,
    conversationIds: bobConversations,
    onError: logError,
  });
  const bobPhone = createDemoDevice({
    server,
    accountId: BOB,
    deviceId: 'bob-phone',
    counter,
    conversationIds: bobConversations,
    onError: logError,
  });

  let stopReaders: (() => void) | undefined;
  const simulationListeners = new Set<() => void>();
  const simulation: TeamSimulation = {
    isRunning: () => stopReaders !== undefined,
    setRunning(isRunning) {
      if (isRunning === (stopReaders !== undefined)) return;
      if (isRunning) {
        const handle = server.simulateTeamReaders({
          teamId: TEAM_ID,
          readerIds: teamMemberIds,
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

  return { server, counter, alice, bobLaptop, bobPhone, teamMemberIds, simulation };
}
