export type { FaultOptions, MemoryServer, MemoryServerOptions } from './createMemoryServer';
export { createMemoryServer } from './createMemoryServer';
export type { RandomFaults } from './FaultInjector';
export type {
  MemoryClient,
  MemoryConversationService,
  MemoryLoginService,
  MemoryMessageService,
} from './MemoryClient';
export { NimError, NimErrorCode } from './NimError';
export { FAULTABLE_METHODS, type FaultableMethod } from './ServerCore';
export type { PeerReaderOptions, SimulationHandle } from './simulatePeerReader';
export type { TeamReadersOptions } from './simulateTeamReaders';
