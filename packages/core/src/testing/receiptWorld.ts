/**
 * Test harness (not part of the build): the real engine over the real NIM transport on the real
 * memory server, with every transport call counted by a decorator around the real transport.
 */
import { createMemoryServer, type MemoryClient, type MemoryServer } from '@readmark/memory';
import { createNimTransport, type NimTransportOptions } from '@readmark/nim';
import { afterEach, beforeEach, vi } from 'vitest';
import { createReceiptEngine } from '../engine/createReceiptEngine';
import type { ReceiptEngine, ReceiptEngineOptions } from '../engine/ReceiptEngine';
import type { ReceiptError } from '../ReceiptError';
import type { ReceiptTransport, TransportEvent } from '../ReceiptTransport';
import type { ReceiptMessage } from '../types';

/** The transport methods whose calls are counted. */
export type CountedMethod =
  | 'sendP2PMessageReceipt'
  | 'getP2PMessageReceipt'
  | 'sendTeamMessageReceipts'
  | 'getTeamMessageReceipts'
  | 'getTeamMessageReceiptDetail'
  | 'getSelfReadTime';

const countedMethods: CountedMethod[] = [
  'sendP2PMessageReceipt',
  'getP2PMessageReceipt',
  'sendTeamMessageReceipts',
  'getTeamMessageReceipts',
  'getTeamMessageReceiptDetail',
  'getSelfReadTime',
];

/**
 * Wraps a real transport and records the arguments of every call. `deliver` hands an event to every
 * current subscriber as a custom transport might (malformed ones included), next to the real ones.
 */
export function countCalls(transport: ReceiptTransport): {
  transport: ReceiptTransport;
  calls: Record<CountedMethod, unknown[][]>;
  deliver: (event: unknown) => void;
} {
  const listeners = new Set<(event: TransportEvent) => void>();
  const calls = Object.fromEntries(countedMethods.map((name) => [name, []])) as unknown as Record<
    CountedMethod,
    unknown[][]
  >;
  const counted: ReceiptTransport = {
    sendP2PMessageReceipt: (...args) => {
      calls.sendP2PMessageReceipt.push(args);
      return transport.sendP2PMessageReceipt(...args);
    },
    getP2PMessageReceipt: (...args) => {
      calls.getP2PMessageReceipt.push(args);
      return transport.getP2PMessageReceipt(...args);
    },
    sendTeamMessageReceipts: (...args) => {
      calls.sendTeamMessageReceipts.push(args);
      return transport.sendTeamMessageReceipts(...args);
    },
    getTeamMessageReceipts: (...args) => {
      calls.getTeamMessageReceipts.push(args);
      return transport.getTeamMessageReceipts(...args);
    },
    getTeamMessageReceiptDetail: (...args) => {
      calls.getTeamMessageReceiptDetail.push(args);
      return transport.getTeamMessageReceiptDetail(...args);
    },
    subscribe: (listener) => {
      // A wrapper per subscription, so subscribing one listener twice is still two subscriptions.
      const subscriber = (event: TransportEvent) => listener(event);
      listeners.add(subscriber);
      const unsubscribe = transport.subscribe(subscriber);
      return () => {
        listeners.delete(subscriber);
        unsubscribe();
      };
    },
  };
  if (transport.getSelfReadTime) {
    counted.getSelfReadTime = (...args) => {
      calls.getSelfReadTime.push(args);
      return transport.getSelfReadTime!(...args);
    };
  }
  if (transport.getConnectionState) {
    counted.getConnectionState = () => transport.getConnectionState!();
  }
  if (transport.getLoginUser) counted.getLoginUser = () => transport.getLoginUser!();
  if (transport.subscribeConnectionState) {
    counted.subscribeConnectionState = (listener) => transport.subscribeConnectionState!(listener);
  }
  const deliver = (event: unknown) => {
    for (const listener of [...listeners]) listener(event as TransportEvent);
  };
  return { transport: counted, calls, deliver };
}

/** One logged-in device with its own engine. */
export interface WorldDevice {
  accountId: string;
  client: MemoryClient;
  transport: ReceiptTransport;
  calls: Record<CountedMethod, unknown[][]>;
  engine: ReceiptEngine;
  /** Messages pushed to this device, in arrival order. */
  received: ReceiptMessage[];
  /** What the engine reported through onError. */
  errors: ReceiptError[];
  /** Hands `event` to this device's engine as a custom transport might, malformed or not. */
  deliver(event: unknown): void;
}

/** Options of {@link createReceiptWorld}. */
export interface ReceiptWorldOptions {
  /** Imitate SDK 10.8.1 dropping the detail filter. */
  isDetailFilterIgnored?: boolean;
}

/** A memory server with a controllable createTime and helpers to make devices and messages. */
export function createReceiptWorld(options: ReceiptWorldOptions = {}) {
  let time = 100;
  const server: MemoryServer = createMemoryServer({
    now: () => time,
    ...(options.isDetailFilterIgnored ? { isDetailFilterIgnored: true } : {}),
  });
  const devices: WorldDevice[] = [];

  /** Logs in a device with an engine (random fixed at 0.5 so backoff delays are exact). */
  function device(
    accountId: string,
    engineOptions: Partial<ReceiptEngineOptions> = {},
    transportOptions: NimTransportOptions = {},
  ): WorldDevice {
    const client = server.login(accountId);
    const received: ReceiptMessage[] = [];
    client.V2NIMMessageService.on('onReceiveMessages', (messages) => {
      received.push(...(messages as unknown as ReceiptMessage[]));
    });
    const { transport, calls, deliver } = countCalls(createNimTransport(client, transportOptions));
    const errors: ReceiptError[] = [];
    const engine = createReceiptEngine({
      transport,
      accountId,
      random: () => 0.5,
      onError: (error) => errors.push(error),
      ...engineOptions,
    });
    const logged = { accountId, client, transport, calls, engine, received, errors, deliver };
    devices.push(logged);
    return logged;
  }

  /**
   * Sends a text message at `at` and returns the sender's copy; the receivers' copies are in their
   * devices' `received` after `settle()`.
   */
  async function send(
    from: WorldDevice,
    conversationId: string,
    sendOptions: { at: number; isFlagged?: boolean },
  ): Promise<ReceiptMessage> {
    time = sendOptions.at;
    const service = from.client.V2NIMMessageService;
    const { message } = await service.sendMessage(
      from.client.V2NIMMessageCreator.createTextMessage(`message at ${sendOptions.at}`),
      conversationId,
      { messageConfig: { readReceiptEnabled: sendOptions.isFlagged ?? false } },
    );
    return message as unknown as ReceiptMessage;
  }

  /** The copy of `message` that `device` received. */
  function copyOf(device: WorldDevice, message: ReceiptMessage): ReceiptMessage {
    const copy = device.received.find((m) => m.messageClientId === message.messageClientId);
    if (!copy) throw new Error(`${device.accountId} did not receive ${message.messageClientId}`);
    return copy;
  }

  return {
    server,
    /** Sets the createTime of the next messages. */
    setTime(next: number) {
      time = next;
    },
    device,
    send,
    copyOf,
    /**
     * A and B (B's engine with `bobOptions`): A sends B a P2P message at 100 and team T (which the
     * test created with both in it) a flagged message at 200; both are delivered, unread.
     */
    async aliceWritesToBob(bobOptions: Partial<ReceiptEngineOptions> = {}) {
      const alice = device('A');
      const bob = device('B', bobOptions);
      const p2p = await send(alice, 'A|1|B', { at: 100 });
      const team = await send(alice, 'A|2|T', { at: 200, isFlagged: true });
      await server.settle();
      return {
        alice,
        bob,
        p2p,
        team,
        p2pCopy: copyOf(bob, p2p),
        teamCopy: copyOf(bob, team),
      };
    },
    /** A and B: A sends B m1 at 100 and m2 at 200, delivered and unread; b1 and b2 are B's copies. */
    async aliceSendsBobTwo() {
      const alice = device('A');
      const bob = device('B');
      const m1 = await send(alice, 'A|1|B', { at: 100 });
      const m2 = await send(alice, 'A|1|B', { at: 200 });
      await server.settle();
      return { alice, bob, m1, m2, b1: copyOf(bob, m1), b2: copyOf(bob, m2) };
    },
    /**
     * `device` loses its connection, then its user sees `messages`: the engine keeps the receipts
     * (in its outbox and storage) for as long as `ms` of fake time runs.
     */
    async readsOffline(device: WorldDevice, messages: ReceiptMessage[], ms = 0) {
      server.dropConnection(device.accountId);
      await server.settle();
      device.engine.markRead(messages);
      await this.tick(ms);
    },
    /** Lets fake time pass, then waits for every delivery and call in flight. */
    async tick(ms: number) {
      await vi.advanceTimersByTimeAsync(ms);
      await server.settle();
      await vi.advanceTimersByTimeAsync(0);
      await server.settle();
    },
    settle: () => server.settle(),
    disposeAll() {
      for (const device of devices) device.engine.dispose();
    },
  };
}

/**
 * `world.aliceWritesToBob()` (team T created by the test), plus the events A's transport delivers
 * from then on; the messages as m1 (P2P) and g1 (team) with B's copies.
 */
export async function aliceWritesToBobHeard(world: ReceiptWorld) {
  const { alice, bob, p2p, team, p2pCopy, teamCopy } = await world.aliceWritesToBob();
  const events: TransportEvent[] = [];
  alice.transport.subscribe((event) => events.push(event));
  return { alice, bob, events, m1: p2p, g1: team, m1Copy: p2pCopy, g1Copy: teamCopy };
}

/** What {@link createReceiptWorld} returns. */
export type ReceiptWorld = ReturnType<typeof createReceiptWorld>;

/**
 * Gives every test of the enclosing file or `describe` a fresh world on fake `setTimeout`,
 * `clearTimeout` and `Date`, set up by `setUp`, and disposes its engines afterwards. The returned
 * object is the current test's world: its members are replaced before each test, so it can be
 * captured once at the top of the file.
 */
export function receiptWorldPerTest(
  setUp?: (world: ReceiptWorld) => void | Promise<void>,
): ReceiptWorld {
  const world = {} as ReceiptWorld;
  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    Object.assign(world, createReceiptWorld());
    await setUp?.(world);
  });
  afterEach(() => {
    world.disposeAll();
    vi.useRealTimers();
  });
  return world;
}

/** The message arguments of every recorded call of `method`, flattened. */
export function sentMessages(calls: unknown[][]): ReceiptMessage[] {
  return calls.flatMap(([argument]) =>
    Array.isArray(argument) ? (argument as ReceiptMessage[]) : [argument as ReceiptMessage],
  );
}

/** Who has read `message` (a team message `sender` sent), by the server's receipt detail. */
export async function teamReaders(sender: WorldDevice, message: ReceiptMessage): Promise<string[]> {
  const detail = await sender.client.V2NIMMessageService.getTeamMessageReceiptDetail(
    message as never,
  );
  return detail.readAccountList;
}

/** The device's conversation row as the SDK lists it: `conversation.lastMessage`. */
export async function lastMessageOf(device: WorldDevice, conversationId: string) {
  const conversation = await device.client.V2NIMConversationService.getConversation(conversationId);
  return conversation.lastMessage;
}
