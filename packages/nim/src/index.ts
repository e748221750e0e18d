export type { NimTransportOptions } from './createNimTransport';
export { createNimTransport } from './createNimTransport';
export type { NimLike } from './NimLike';
