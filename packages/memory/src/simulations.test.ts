import { afterEach, describe, expect, it, vi } from 'vitest';
import { createScenario, listen } from './scenario.testkit';

describe('scenario helpers', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  async function readingOrder(seed: number) {
    vi.useFakeTimers();
    const { server, send } = createScenario();
    server.createTeam({ teamId: 'T1', memberIds: ['A', 'B', 'C', 'D', 'E'] });
    const a1 = server.login('A');
    const a1Log = listen(a1);
    const readers = server.simulateTeamReaders({
      teamId: 'T1',
      minDelayMs: 100,
      maxDelayMs: 1000,
      seed,
    });
    const g1 = await send(a1, { to: 'A|2|T1', at: 100, isFlagged: true });
    await send(a1, { to: 'A|2|T1', at: 110 }); // unflagged: simulated members must not read it
    await server.settle();
    expect(a1Log.team).toEqual([]);
    await vi.advanceTimersByTimeAsync(1000);
    await server.settle();
    readers.stop();
    const receipts = a1Log.team.flat();
    expect(receipts.every((r) => r.messageClientId === g1.messageClientId)).toBe(true);
    return receipts.map((r) => [r.readCount, r.unreadCount, r.latestReadAccount]);
  }

  it('settle() waits for calls that pending promise jobs are about to make, not only for those in flight', async () => {
    const { server } = createScenario();
    const b = server.login('B');
    await server.settle();
    const messages = b.V2NIMMessageService;
    const answers: unknown[] = [];
    // As the nim transport reads the receipt cache: after promise jobs (its wait for the login
    // sync), and an engine asks again from the answer.
    void Promise.resolve()
      .then(() => undefined)
      .then(() => messages.getP2PMessageReceipt('B|1|A'))
      .then((receipt) => answers.push(receipt))
      .then(() => messages.getP2PMessageReceipt('B|1|C'))
      .then((receipt) => answers.push(receipt));
    await server.settle();
    expect(answers).toEqual([
      { conversationId: 'B|1|A', timestamp: 0 },
      { conversationId: 'B|1|C', timestamp: 0 },
    ]);
  });

  it('simulateTeamReaders: every member reads flagged messages through the public API, in seeded order', async () => {
    const first = await readingOrder(7);
    expect(first.map(([read, unread]) => [read, unread])).toEqual([
      [1, 3],
      [2, 2],
      [3, 1],
      [4, 0],
    ]);
    expect(new Set(first.map(([, , reader]) => reader))).toEqual(new Set(['B', 'C', 'D', 'E']));
    expect(await readingOrder(7)).toEqual(first);
  });

  it('simulateTeamReaders: stop() cancels pending reads', async () => {
    vi.useFakeTimers();
    const { server, send } = createScenario();
    server.createTeam({ teamId: 'T1', memberIds: ['A', 'B', 'C'] });
    const a1 = server.login('A');
    const a1Log = listen(a1);
    const readers = server.simulateTeamReaders({ teamId: 'T1', minDelayMs: 500, maxDelayMs: 500 });
    await send(a1, { to: 'A|2|T1', at: 100, isFlagged: true });
    await server.settle();
    readers.stop();
    await vi.advanceTimersByTimeAsync(1000);
    await server.settle();
    expect(a1Log.team).toEqual([]);
  });

  it('simulateTeamReaders: a resumed simulation reads flagged messages sent while it was stopped', async () => {
    vi.useFakeTimers();
    const { server, send } = createScenario();
    server.createTeam({ teamId: 'T1', memberIds: ['A', 'B', 'C'] });
    const a1 = server.login('A');
    const a1Log = listen(a1);
    const g1 = await send(a1, { to: 'A|2|T1', at: 100, isFlagged: true });
    await server.settle();
    const readers = server.simulateTeamReaders({ teamId: 'T1', minDelayMs: 10, maxDelayMs: 20 });
    await server.settle();
    await vi.advanceTimersByTimeAsync(20);
    await server.settle();
    readers.stop();
    const [counts] = await a1.V2NIMMessageService.getTeamMessageReceipts([g1]);
    expect(counts).toMatchObject({ readCount: 2, unreadCount: 0 });
    expect(a1Log.team.flat()).toHaveLength(2);
  });

  it('simulatePeerReader: the peer acknowledges received P2P messages after a delay', async () => {
    vi.useFakeTimers();
    const { server, send } = createScenario();
    const a1 = server.login('A');
    const a1Log = listen(a1);
    const bob = server.simulatePeerReader({ accountId: 'B', minDelayMs: 200, maxDelayMs: 400 });
    const m1 = await send(a1, { to: 'A|1|B', at: 100 });
    await server.settle();
    await vi.advanceTimersByTimeAsync(199);
    expect(a1.V2NIMMessageService.isPeerRead(m1)).toBe(false);
    await vi.advanceTimersByTimeAsync(300);
    await server.settle();
    expect(a1.V2NIMMessageService.isPeerRead(m1)).toBe(true);
    expect(a1Log.p2p).toEqual([[{ conversationId: 'A|1|B', timestamp: 100 }]]);
    bob.stop();
  });

  it('rejects a bad delay range with 191004', () => {
    const { server } = createScenario();
    server.createTeam({ teamId: 'T1', memberIds: ['A'] });
    expect(() =>
      server.simulateTeamReaders({ teamId: 'T1', minDelayMs: 10, maxDelayMs: 5 }),
    ).toThrow(expect.objectContaining({ code: 191004 }));
  });

  /**
   * B reads A's P2P message and C and D her flagged team message, as simulated readers, while 60% of
   * calls fail with `failureCodes`; `meanwhile` runs once both are sent. Every read lands in the end.
   */
  async function simulatedReadersLand(
    failureCodes: number[],
    meanwhile: (
      server: ReturnType<typeof createScenario>['server'],
    ) => Promise<void> = async () => {},
  ) {
    vi.useFakeTimers();
    const { server, send } = createScenario({
      faults: { failureRate: 0.6, failureCodes, seed: 4 },
    });
    server.createTeam({ teamId: 'T1', memberIds: ['A', 'B', 'C', 'D'] });
    const a1 = server.login('A');
    const peer = server.simulatePeerReader({ accountId: 'B', minDelayMs: 10, maxDelayMs: 50 });
    const team = server.simulateTeamReaders({
      teamId: 'T1',
      readerIds: ['C', 'D'],
      minDelayMs: 10,
      maxDelayMs: 50,
    });
    const m1 = await send(a1, { to: 'A|1|B', at: 100 });
    const g1 = await send(a1, { to: 'A|2|T1', at: 200, isFlagged: true });
    await meanwhile(server);
    await vi.advanceTimersByTimeAsync(1000);
    await server.settle();
    server.setFaults({});
    expect(a1.V2NIMMessageService.isPeerRead(m1)).toBe(true);
    const [receipt] = await a1.V2NIMMessageService.getTeamMessageReceipts([g1]);
    expect(receipt).toMatchObject({ readCount: 2, unreadCount: 1 });
    peer.stop();
    team.stop();
  }

  it('simulated readers retry receipts that fail with retryable codes, and read through a dropped connection', async () => {
    await simulatedReadersLand([416, 192005], async (server) => {
      server.dropConnection('C');
      await vi.advanceTimersByTimeAsync(120);
      server.restoreConnection('C');
    });
  });

  it('simulated readers retry a read refused while their device logs in again after a reconnect (190002)', async () => {
    // Injected 190002s, and the real window: right after its reconnect C is connected but not
    // logged in again for one round trip, and the server answers its reads with 190002.
    await simulatedReadersLand([190002], async (server) => {
      server.dropConnection('C');
      server.restoreConnection('C');
    });
  });
});
