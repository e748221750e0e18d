import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RandomFaults } from './FaultInjector';
import type { MemoryClient } from './MemoryClient';
import {
  createScenario,
  expectCode,
  expectThrowCode,
  listen,
  receivedBy,
} from './scenario.testkit';

/** A sends m1..mN to B at t=100, 200, ...; B has received them all. Faults are set afterwards. */
async function chat(count = 2) {
  const scenario = createScenario();
  const a = scenario.server.login('A');
  const aLog = listen(a);
  const b = scenario.server.login('B');
  const bLog = listen(b);
  const sent = [];
  for (let i = 1; i <= count; i += 1)
    sent.push(await scenario.send(a, { to: 'A|1|B', at: i * 100 }));
  await scenario.server.settle();
  const copies = sent.map((m) => receivedBy(bLog, m));
  return { ...scenario, a, aLog, b, bLog, sent, copies };
}

/** A team T1 {A, B, C} with A's flagged message g1, received by B and C. */
async function team() {
  const scenario = createScenario();
  scenario.server.createTeam({ teamId: 'T1', memberIds: ['A', 'B', 'C'] });
  const a = scenario.server.login('A');
  const aLog = listen(a);
  const b = scenario.server.login('B');
  const bLog = listen(b);
  const c = scenario.server.login('C');
  const cLog = listen(c);
  const g1 = await scenario.send(a, { to: 'A|2|T1', at: 100, isFlagged: true });
  await scenario.server.settle();
  return { ...scenario, a, aLog, b, bLog, c, cLog, g1 };
}

async function watermark(client: MemoryClient, conversationId: string): Promise<number> {
  return (await client.V2NIMMessageService.getP2PMessageReceipt(conversationId)).timestamp;
}

/** The outcome of `count` receipt calls under `faults`: 'ok' or the rejection code. */
async function outcomes(faults: RandomFaults, count: number): Promise<Array<string | number>> {
  const { server, b, copies } = await chat(1);
  server.setFaults(faults);
  const results: Array<string | number> = [];
  for (let i = 0; i < count; i += 1) {
    try {
      await b.V2NIMMessageService.sendP2PMessageReceipt(copies[0] as never);
      results.push('ok');
    } catch (error) {
      results.push((error as { code: number }).code);
    }
  }
  return results;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('random faults: failed calls', () => {
  it('a failed call rejects with a retryable code and changes nothing (E2)', async () => {
    const { server, a, aLog, b, bLog, copies } = await chat();
    server.setFaults({ failureRate: 1, seed: 7 });
    const error = await b.V2NIMMessageService.sendP2PMessageReceipt(copies[1] as never).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ name: 'V2NIMError' });
    expect([192005, 416]).toContain((error as { code: number }).code);
    await server.settle();
    expect(aLog.p2p).toEqual([]);
    expect(bLog.readTimes).toEqual([]);
    expect(await watermark(a, 'A|1|B')).toBe(0);
  });

  it('failureCodes chooses the codes; a call outside `methods` never fails', async () => {
    const { server, a, aLog, b, copies } = await chat();
    server.setFaults({ failureRate: 1, failureCodes: [416], methods: ['sendTeamMessageReceipts'] });
    await b.V2NIMMessageService.sendP2PMessageReceipt(copies[1] as never);
    await server.settle();
    expect(aLog.p2p).toEqual([[{ conversationId: 'A|1|B', timestamp: 200 }]]);
    server.setFaults({ failureRate: 1, failureCodes: [416] });
    await expectCode(b.V2NIMMessageService.sendP2PMessageReceipt(copies[1] as never), 416);
    expect(await watermark(a, 'A|1|B')).toBe(200);
  });

  it('the same seed gives the same failures; another seed gives others', async () => {
    const faults = { failureRate: 0.3, timeoutRate: 0.2, seed: 42 };
    const first = await outcomes(faults, 40);
    const second = await outcomes(faults, 40);
    const other = await outcomes({ ...faults, seed: 43 }, 40);
    expect(second).toEqual(first);
    expect(other).not.toEqual(first);
    // About 30% fail and 20% time out: every kind occurs in 40 draws.
    expect(first).toContain('ok');
    expect(first).toContain(192004);
    expect(first.some((r) => r === 192005 || r === 416)).toBe(true);
  });

  it('timeouts are opt-in: a server without `timeoutRate` never applies a call and then rejects', async () => {
    // The timeout fault is the one deliberate exception to E2 (see the README), so it is off by default.
    const { server, a, b, copies } = await chat();
    expect(server.getFaults()).toMatchObject({ failureRate: 0, timeoutRate: 0 });
    for (const copy of copies) {
      await b.V2NIMMessageService.sendP2PMessageReceipt(copy as never);
    }
    await server.settle();
    expect(await a.V2NIMMessageService.getP2PMessageReceipt('A|1|B')).toMatchObject({
      timestamp: Math.max(...copies.map((copy) => copy.createTime)),
    });
  });

  it('setFaults({}) turns every fault off; getFaults reports the settings in force', async () => {
    const { server, b, copies } = await chat();
    server.setFaults({ failureRate: 1, latencyMs: [0, 0], reorder: true });
    expect(server.getFaults()).toMatchObject({ failureRate: 1, reorder: 1, seed: 1 });
    server.setFaults({});
    expect(server.getFaults()).toMatchObject({ failureRate: 0, timeoutRate: 0, reorder: 0 });
    await expect(
      b.V2NIMMessageService.sendP2PMessageReceipt(copies[0] as never),
    ).resolves.toBeUndefined();
  });

  it.each<[string, unknown]>([
    ['a rate above 1', { failureRate: 1.5 }],
    ['a NaN rate', { duplicateRate: Number.NaN }],
    ['a reversed latency range', { latencyMs: [50, 10] }],
    ['a one-number latency', { latencyMs: 10 }],
    ['a reorder string', { reorder: 'yes' }],
    ['empty failure codes', { failureCodes: [] }],
    ['a string seed', { seed: 'x' }],
    ['null', null],
    ['an unknown option (a misspelt rate)', { failRate: 0.5 }],
    ['an unknown option with a NaN rate', { dropRate: Number.NaN }],
    ['a misspelt method', { failureRate: 1, methods: ['sendP2PReceipt'] }],
    ['a failure code that is no NIM code', { failureRate: 1, failureCodes: [0] }],
  ])('bad fault options (%s) throw 191004 and keep the previous settings', async (_, faults) => {
    const { server } = await chat(0);
    server.setFaults({ failureRate: 0.5, seed: 3 });
    const before = server.getFaults();
    expectThrowCode(() => server.setFaults(faults as RandomFaults), 191004);
    expect(server.getFaults()).toEqual(before);
  });

  it('like injectFault, setFaults names what it knows when an option or a method is misspelt', async () => {
    const { server } = await chat(0);
    expect(() => server.setFaults({ failRate: 0.5 } as RandomFaults)).toThrow(
      /unknown fault option failRate; the options are failureRate, failureCodes/,
    );
    expect(() =>
      server.setFaults({ failureRate: 1, methods: ['sendP2PReceipt' as never] }),
    ).toThrow(/methods must be among sendMessage, .*sendP2PMessageReceipt/);
    // What getFaults reports is taken back as it is.
    server.setFaults({ failureRate: 0.5, methods: ['sendMessage'], seed: 3 });
    const settings = server.getFaults();
    server.setFaults(settings);
    expect(server.getFaults()).toEqual(settings);
  });
});

describe('random faults: timeouts', () => {
  it('a timed-out receipt is applied on the server, and the retry is a silent no-op', async () => {
    const { server, a, aLog, b, copies } = await chat();
    server.setFaults({ timeoutRate: 1 });
    await expectCode(b.V2NIMMessageService.sendP2PMessageReceipt(copies[1] as never), 192004);
    await server.settle();
    expect(aLog.p2p).toEqual([[{ conversationId: 'A|1|B', timestamp: 200 }]]);
    server.setFaults({});
    await b.V2NIMMessageService.sendP2PMessageReceipt(copies[1] as never);
    await server.settle();
    expect(aLog.p2p).toHaveLength(1);
    expect(await watermark(a, 'A|1|B')).toBe(200);
  });

  it('a timed-out team receipt counts once, whatever the retries', async () => {
    const { server, a, aLog, b, bLog, g1 } = await team();
    server.setFaults({ timeoutRate: 1 });
    const copy = receivedBy(bLog, g1);
    await expectCode(b.V2NIMMessageService.sendTeamMessageReceipts([copy]), 192004);
    await expectCode(b.V2NIMMessageService.sendTeamMessageReceipts([copy]), 192004);
    server.setFaults({});
    await b.V2NIMMessageService.sendTeamMessageReceipts([copy]);
    await server.settle();
    expect(aLog.team).toEqual([
      [expect.objectContaining({ readCount: 1, unreadCount: 1, latestReadAccount: 'B' })],
    ]);
    const [receipt] = await a.V2NIMMessageService.getTeamMessageReceipts([g1]);
    expect(receipt).toMatchObject({ readCount: 1, unreadCount: 1 });
  });

  it('a send retried after a timeout is answered with the stored message, not sent twice', async () => {
    const { server, a, bLog } = await chat(0);
    server.setFaults({ timeoutRate: 1, methods: ['sendMessage'] });
    const draft = a.V2NIMMessageCreator.createTextMessage('hello');
    await expectCode(a.V2NIMMessageService.sendMessage(draft, 'A|1|B'), 192004);
    server.setFaults({});
    const { message } = await a.V2NIMMessageService.sendMessage(draft, 'A|1|B');
    await server.settle();
    expect(message.messageClientId).toBe(draft.messageClientId);
    expect(bLog.messages.map((m) => m.text)).toEqual(['hello']);
  });
});

describe('random faults: latency, duplicates and reordering', () => {
  it('latencyMs [10, 10] answers a call after exactly 10 ms of (fake) time', async () => {
    const { server, b, copies } = await chat();
    vi.useFakeTimers();
    server.setFaults({ latencyMs: [10, 10] });
    let isDone = false;
    void b.V2NIMMessageService.sendP2PMessageReceipt(copies[1] as never).then(() => {
      isDone = true;
    });
    await vi.advanceTimersByTimeAsync(9);
    expect(isDone).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(isDone).toBe(true);
  });

  it('a latency range delivers everything; settle() waits for it', async () => {
    const { server, a, aLog, b, copies } = await chat(3);
    server.setFaults({ latencyMs: [1, 5], seed: 9 });
    await Promise.all(copies.map((m) => b.V2NIMMessageService.sendP2PMessageReceipt(m as never)));
    await server.settle();
    expect(await watermark(a, 'A|1|B')).toBe(300);
    expect(aLog.p2p.flat().map((r) => r.timestamp)).toContain(300);
  });

  it('duplicateRate 1 delivers every receipt event twice, identical', async () => {
    const { server, aLog, b, bLog, g1 } = await team();
    server.setFaults({ duplicateRate: 1 });
    await b.V2NIMMessageService.sendTeamMessageReceipts([receivedBy(bLog, g1)]);
    await server.settle();
    expect(aLog.team).toHaveLength(2);
    expect(aLog.team[1]).toEqual(aLog.team[0]);
    expect(aLog.team[0]).toEqual([expect.objectContaining({ readCount: 1, unreadCount: 1 })]);
  });

  it('duplicated P2P receipts and read times reach the app; the cache stays at the maximum', async () => {
    const { server, a, aLog, b, copies } = await chat();
    const b2 = server.login('B');
    const b2Log = listen(b2);
    await server.settle();
    server.setFaults({ duplicateRate: 1 });
    await b.V2NIMMessageService.sendP2PMessageReceipt(copies[1] as never);
    await server.settle();
    expect(aLog.p2p).toEqual([
      [{ conversationId: 'A|1|B', timestamp: 200 }],
      [{ conversationId: 'A|1|B', timestamp: 200 }],
    ]);
    expect(b2Log.readTimes).toEqual([
      ['B|1|A', 200],
      ['B|1|A', 200],
    ]);
    expect(await watermark(a, 'A|1|B')).toBe(200);
  });

  it('reorder lets older receipt events arrive last, deterministically; the cache never drops', async () => {
    async function run() {
      const { server, a, aLog, b, copies } = await chat(8);
      server.setFaults({ reorder: 0.5, seed: 5 });
      await Promise.all(copies.map((m) => b.V2NIMMessageService.sendP2PMessageReceipt(m as never)));
      await server.settle();
      return { order: aLog.p2p.flat().map((r) => r.timestamp), final: await watermark(a, 'A|1|B') };
    }
    const first = await run();
    expect(await run()).toEqual(first);
    expect(first.final).toBe(800);
    // Some event arrived after a newer one: the stale push reaches the app (P9 is the app's job).
    const isInverted = first.order.some((t, i) => i > 0 && t < (first.order[i - 1] as number));
    expect(isInverted).toBe(true);
  });

  it('reordered team events can arrive with lower counts after higher ones', async () => {
    const scenario = createScenario();
    const { server } = scenario;
    server.createTeam({ teamId: 'T1', memberIds: ['A', 'B', 'C', 'D', 'E'] });
    const a = server.login('A');
    const aLog = listen(a);
    const readers = ['B', 'C', 'D', 'E'].map((id) => {
      const client = server.login(id);
      return { client, log: listen(client) };
    });
    const g1 = await scenario.send(a, { to: 'A|2|T1', at: 100, isFlagged: true });
    await server.settle();
    server.setFaults({ reorder: true, seed: 11 });
    await Promise.all(
      readers.map((r) =>
        r.client.V2NIMMessageService.sendTeamMessageReceipts([receivedBy(r.log, g1)]),
      ),
    );
    await server.settle();
    const counts = aLog.team.flat().map((r) => r.readCount);
    expect([...counts].sort()).toEqual([1, 2, 3, 4]);
    expect(counts).not.toEqual([1, 2, 3, 4]);
    const [receipt] = await a.V2NIMMessageService.getTeamMessageReceipts([g1]);
    expect(receipt).toMatchObject({ readCount: 4, unreadCount: 0 });
  });

  it('without faults the server stays exactly-once and in order (the default)', async () => {
    const { server, aLog, b, copies } = await chat(3);
    await Promise.all(copies.map((m) => b.V2NIMMessageService.sendP2PMessageReceipt(m as never)));
    await server.settle();
    expect(aLog.p2p.flat().map((r) => r.timestamp)).toEqual([100, 200, 300]);
  });

  it('faults given to createMemoryServer apply from the start', async () => {
    const scenario = createScenario({ faults: { failureRate: 1, failureCodes: [416] } });
    scenario.server.login('A');
    const b = scenario.server.login('B');
    const fake = { ...b.V2NIMMessageCreator.createTextMessage('x'), senderId: 'A' };
    // Unknown message: client checks pass, then the network fails first.
    await expectCode(
      b.V2NIMMessageService.sendP2PMessageReceipt({
        ...fake,
        conversationType: 1,
        receiverId: 'B',
      }),
      416,
    );
  });
});

describe('dropped connections', () => {
  it('calls reject with 190002 while dropped (the SDK sendCmd: not logged in); getP2PMessageReceipt still answers from the cache', async () => {
    const { server, a, b, copies } = await chat();
    await b.V2NIMMessageService.sendP2PMessageReceipt(copies[0] as never);
    await server.settle();
    server.dropConnection('B');
    server.dropConnection('A');
    expect(b.isConnected).toBe(false);
    expect(b.isOnline).toBe(true);
    // Waiting to reconnect (3) and waiting to log in again (3), as the SDK between retries.
    expect(b.V2NIMLoginService.getConnectStatus()).toBe(3);
    expect(b.V2NIMLoginService.getLoginStatus()).toBe(3);
    await expectCode(b.V2NIMMessageService.sendP2PMessageReceipt(copies[1] as never), 190002);
    expect(await watermark(a, 'A|1|B')).toBe(100);
    server.restoreConnection();
    await server.settle();
    expect(await watermark(a, 'A|1|B')).toBe(100);
  });

  it('receipts missed while dropped arrive at reconnect as ONE login-sync event', async () => {
    const { server, a, aLog, b, copies, sent, send } = await chat(3);
    const c = server.login('C');
    const cLog = listen(c);
    const m4 = await send(a, { to: 'A|1|C', at: 400 });
    await server.settle();
    server.dropConnection('A');
    await b.V2NIMMessageService.sendP2PMessageReceipt(copies[0] as never);
    await b.V2NIMMessageService.sendP2PMessageReceipt(copies[2] as never);
    await c.V2NIMMessageService.sendP2PMessageReceipt(receivedBy(cLog, m4));
    await server.settle();
    expect(aLog.p2p).toEqual([]);
    server.restoreConnection('A');
    await server.settle();
    expect(aLog.p2p).toEqual([
      [
        { conversationId: 'A|1|B', timestamp: 300 },
        { conversationId: 'A|1|C', timestamp: 400 },
      ],
    ]);
    expect(a.V2NIMMessageService.isPeerRead(sent[2] as never)).toBe(true);
    expect(a.V2NIMMessageService.isPeerRead(m4)).toBe(true);
    expect(await watermark(a, 'A|1|B')).toBe(300);
  });

  it("status events in the SDK's order, emitted at once; the reader's other device gets its read time", async () => {
    const { server, a, b, copies } = await chat();
    const b2 = server.login('B');
    const b2Log = listen(b2);
    const login = b2.V2NIMLoginService;
    const events: string[] = [];
    const statuses = () => [login.getLoginStatus(), login.getConnectStatus()];
    login.on('onConnectStatus', (status) => events.push(`connect ${status} (${statuses()})`));
    login.on('onLoginStatus', (status) => events.push(`login ${status} (${statuses()})`));
    login.on('onDisconnected', (error) => events.push(`disconnected ${error.code}`));
    await server.settle();
    b2.disconnect();
    // V2NIMLoginLifeCycle "connectionBroken" then "waiting"; the getters already agree with each event.
    expect(events.splice(0)).toEqual([
      'login 3 (3,1)',
      'connect 0 (3,0)',
      'disconnected 192003',
      'connect 3 (3,3)',
    ]);
    await b.V2NIMMessageService.sendP2PMessageReceipt(copies[1] as never);
    await server.settle();
    expect(b2Log.readTimes).toEqual([]);
    b2.reconnect();
    // "connect" and "connectSucc" at once; logged in again ("loginSucc") a round trip later.
    expect(events.splice(0)).toEqual(['login 2 (2,3)', 'connect 2 (2,2)', 'connect 1 (2,1)']);
    await server.settle();
    expect(events).toEqual(['login 1 (1,1)']);
    expect(b2Log.readTimes).toEqual([['B|1|A', 200]]);
    expect(b2Log.p2p).toEqual([]);
    expect(await watermark(a, 'A|1|B')).toBe(200);
  });

  it('messages pushed while dropped arrive at reconnect in one batch; team receipts are not synced', async () => {
    const { server, a, aLog, b, bLog, c, cLog, g1, send } = await team();
    server.dropConnection('A');
    server.dropConnection('C');
    await b.V2NIMMessageService.sendTeamMessageReceipts([receivedBy(bLog, g1)]);
    const g2 = await send(b, { to: 'B|2|T1', at: 300, text: 'while C was away' });
    const g3 = await send(b, { to: 'B|2|T1', at: 400, text: 'still away' });
    await server.settle();
    const before = cLog.messages.length;
    server.restoreConnection();
    await server.settle();
    expect(cLog.messages.slice(before).map((m) => m.messageClientId)).toEqual([
      g2.messageClientId,
      g3.messageClientId,
    ]);
    expect(cLog.messages.slice(before).every((m) => m.conversationId === 'C|2|T1')).toBe(true);
    expect(aLog.team).toEqual([]);
    const [receipt] = await a.V2NIMMessageService.getTeamMessageReceipts([g1]);
    expect(receipt).toMatchObject({ readCount: 1, unreadCount: 1 });
    expect(c.isConnected).toBe(true);
  });

  it('a connection dropped while a call is in flight rejects it at once with 192003; the server still applies it', async () => {
    // The SDK's doDisconnect rejects every command awaiting its answer (markAllCmdInvaild) with
    // 192003, though the request may have reached the server: a retry must be idempotent.
    const { server, a, aLog, b, copies } = await chat();
    vi.useFakeTimers();
    server.setFaults({ latencyMs: [50, 50] });
    const codes: number[] = [];
    const pending = b.V2NIMMessageService.sendP2PMessageReceipt(copies[1] as never);
    pending.catch((e: { code: number }) => codes.push(e.code));
    await vi.advanceTimersByTimeAsync(10);
    server.dropConnection('B');
    await vi.advanceTimersByTimeAsync(0);
    // Rejected at the drop, 40 ms before its answer was due; not yet applied.
    expect(codes).toEqual([192003]);
    expect(aLog.p2p).toEqual([]);
    await vi.advanceTimersByTimeAsync(200);
    expect(aLog.p2p).toEqual([[{ conversationId: 'A|1|B', timestamp: 200 }]]);
    vi.useRealTimers();
    server.setFaults({});
    server.restoreConnection('B');
    await b.V2NIMMessageService.sendP2PMessageReceipt(copies[1] as never).catch(() => undefined);
    await server.settle();
    await b.V2NIMMessageService.sendP2PMessageReceipt(copies[1] as never);
    await server.settle();
    expect(aLog.p2p).toHaveLength(1);
    expect(await watermark(a, 'A|1|B')).toBe(200);
  });

  it('a receipt the server applied after its connection dropped moves the read time of that device only at its reconnect, with the event (P11)', async () => {
    const { server, b, bLog, copies } = await chat();
    vi.useFakeTimers();
    server.setFaults({ latencyMs: [50, 50] });
    const pending = b.V2NIMMessageService.sendP2PMessageReceipt(copies[1] as never);
    pending.catch(() => undefined);
    await vi.advanceTimersByTimeAsync(10);
    server.dropConnection('B');
    await vi.advanceTimersByTimeAsync(200);
    // Applied, but the device never got the answer: its cache still says what it knew.
    await expectCode(pending, 192003);
    expect(await b.V2NIMConversationService.getConversationReadTime('B|1|A')).toBe(0);
    server.restoreConnection('B');
    await vi.advanceTimersByTimeAsync(500);
    vi.useRealTimers();
    server.setFaults({});
    expect(bLog.readTimes).toEqual([['B|1|A', 200]]);
    expect(await b.V2NIMConversationService.getConversationReadTime('B|1|A')).toBe(200);
  });

  it('a retried receipt whose first answer was lost teaches the reading device its read time (P11), without a second event', async () => {
    const { server, b, bLog, copies } = await chat();
    server.setFaults({ timeoutRate: 1 });
    await expectCode(b.V2NIMMessageService.sendP2PMessageReceipt(copies[1] as never), 192004);
    server.setFaults({});
    expect(await b.V2NIMConversationService.getConversationReadTime('B|1|A')).toBe(0);
    // The retry moves nothing on the server, but its answer still says how far this device read:
    // a new engine on it would otherwise start at 0 and send the receipt a third time.
    await b.V2NIMMessageService.sendP2PMessageReceipt(copies[1] as never);
    await server.settle();
    expect(await b.V2NIMConversationService.getConversationReadTime('B|1|A')).toBe(200);
    expect(bLog.readTimes).toEqual([]);
  });

  it('a call in flight at a logout rejects at once with 192003, as at a kick; the server still applies it', async () => {
    // nim-web-sdk-ng's logout and kick both run doDisconnect before the status events, which
    // rejects every command awaiting its answer (markAllCmdInvaild) with 192003; the requests had
    // left the device. (Its sendCmd checks the login status only when a command is sent, so a
    // command in flight never gets 190002.)
    const { server, a, aLog, b, copies } = await chat();
    vi.useFakeTimers();
    server.setFaults({ latencyMs: [50, 50] });
    const codes: number[] = [];
    const pending = b.V2NIMMessageService.sendP2PMessageReceipt(copies[1] as never);
    pending.catch((e: { code: number }) => codes.push(e.code));
    await vi.advanceTimersByTimeAsync(10);
    b.logout();
    await vi.advanceTimersByTimeAsync(0);
    expect(codes).toEqual([192003]);
    expect(aLog.p2p).toEqual([]);
    await vi.advanceTimersByTimeAsync(200);
    vi.useRealTimers();
    server.setFaults({});
    expect(aLog.p2p).toEqual([[{ conversationId: 'A|1|B', timestamp: 200 }]]);
    expect(await watermark(a, 'A|1|B')).toBe(200);
  });

  it('a call in flight at a drop that a random fault would fail is not applied', async () => {
    const { server, a, aLog, b, copies } = await chat();
    server.setFaults({ failureRate: 1 });
    const pending = b.V2NIMMessageService.sendP2PMessageReceipt(copies[1] as never);
    server.dropConnection('B');
    await expectCode(pending, 192003);
    server.setFaults({});
    server.restoreConnection('B');
    await server.settle();
    expect(aLog.p2p).toEqual([]);
    expect(await watermark(a, 'A|1|B')).toBe(0);
  });

  it('logout while dropped: login again reconnects, with the cache rebuilt by the login sync', async () => {
    const { server, a, aLog, b, copies } = await chat();
    await b.V2NIMMessageService.sendP2PMessageReceipt(copies[1] as never);
    await server.settle();
    a.disconnect();
    a.logout();
    a.login();
    await server.settle();
    expect(a.isConnected).toBe(true);
    expect(aLog.p2p.at(-1)).toEqual([{ conversationId: 'A|1|B', timestamp: 200 }]);
  });

  it('dropConnection with a bad account id throws 191004 and drops nobody', async () => {
    const { server, a } = await chat(0);
    expectThrowCode(() => server.dropConnection(42 as never), 191004);
    expectThrowCode(() => server.dropConnection(''), 191004);
    expect(a.isConnected).toBe(true);
  });
});

describe('main data sync (V2NIMLoginService getDataSync / onDataSync)', () => {
  /** Logs a device's login statuses, data sync events and login-sync deliveries, in order. */
  function trace(client: MemoryClient) {
    const events: string[] = [];
    const login = client.V2NIMLoginService;
    login.on('onLoginStatus', (status) => events.push(`login ${status}`));
    login.on('onDataSync', (type, state, error) =>
      events.push(`sync ${type} ${state}${error ? ` ${error.code}` : ''}`),
    );
    client.V2NIMMessageService.on('onReceiveP2PMessageReadReceipts', (receipts) =>
      events.push(`receipts ${receipts.map((r) => `${r.conversationId}@${r.timestamp}`)}`),
    );
    client.V2NIMMessageService.on('onReceiveMessages', (messages) =>
      events.push(`messages ${messages.length}`),
    );
    client.V2NIMConversationService.on('onConversationReadTimeUpdated', (id, time) =>
      events.push(`readTime ${id}@${time}`),
    );
    return events;
  }

  it('a login starts the main sync at once (state 2) and completes it (state 3) after the login sync is delivered', async () => {
    const { server, a, b, copies } = await chat();
    await b.V2NIMMessageService.sendP2PMessageReceipt(copies[1] as never);
    await server.settle();
    expect(b.V2NIMLoginService.getDataSync()).toEqual([{ type: 1, state: 3 }]);
    const events = trace(b);
    b.logout();
    expect(b.V2NIMLoginService.getDataSync()).toBeNull(); // the SDK resets its sync details
    a.logout();
    b.login();
    a.login();
    // SDK: loginSucc sets login status 1, then the sync starts (switchDataSync 1/2 "mainSync").
    expect(events.splice(0)).toEqual(['login 0', 'login 2', 'login 1', 'sync 1 2']);
    expect(b.V2NIMLoginService.getDataSync()).toEqual([{ type: 1, state: 2 }]);
    expect(await b.V2NIMConversationService.getConversationReadTime('B|1|A')).toBe(0);
    await server.settle();
    expect(events).toEqual(['readTime B|1|A@200', 'sync 1 3']);
    expect(b.V2NIMLoginService.getDataSync()).toEqual([{ type: 1, state: 3 }]);
    expect(await b.V2NIMConversationService.getConversationReadTime('B|1|A')).toBe(200);
  });

  it('every reconnect syncs again: onDataSync(1, 2) after the re-login, (1, 3) after what was missed', async () => {
    const { server, a, b, copies, send } = await chat();
    const events = trace(a);
    server.dropConnection('A');
    // Until the re-login succeeds the SDK keeps the last sync's details.
    expect(a.V2NIMLoginService.getDataSync()).toEqual([{ type: 1, state: 3 }]);
    await b.V2NIMMessageService.sendP2PMessageReceipt(copies[1] as never);
    await send(b, { to: 'B|1|A', at: 300 });
    await server.settle();
    server.restoreConnection('A');
    expect(events.splice(0)).toEqual(['login 3', 'login 2']);
    expect(a.V2NIMLoginService.getDataSync()).toEqual([{ type: 1, state: 3 }]);
    await server.settle();
    expect(events).toEqual(['login 1', 'sync 1 2', 'receipts A|1|B@200', 'messages 1', 'sync 1 3']);
  });

  it('a drop before the sync is delivered ends it with 192003; the reconnect syncs again', async () => {
    const { server, a } = await chat(0);
    const events = trace(a);
    a.logout();
    a.login();
    a.disconnect();
    expect(events.splice(0)).toEqual([
      'login 0',
      'login 2',
      'login 1',
      'sync 1 2',
      'login 3',
      'sync 1 3 192003',
    ]);
    expect(a.V2NIMLoginService.getDataSync()).toEqual([{ type: 1, state: 3 }]);
    await server.settle();
    expect(events).toEqual([]);
    a.reconnect();
    await server.settle();
    expect(events).toEqual(['login 2', 'login 1', 'sync 1 2', 'sync 1 3']);
  });
});

describe('determinism', () => {
  /** Every fault at once, over latency with timers: what each device heard and each call got. */
  async function faultedRun(seed: number) {
    vi.useFakeTimers();
    const scenario = createScenario();
    const { server } = scenario;
    server.createTeam({ teamId: 'T1', memberIds: ['A', 'B', 'C', 'D'] });
    const a = server.login('A');
    const aLog = listen(a);
    const readers = ['B', 'C', 'D'].map((id) => {
      const client = server.login(id);
      return { client, log: listen(client) };
    });
    const p2p = [];
    const team = [];
    for (let i = 1; i <= 4; i += 1) {
      p2p.push(await scenario.send(a, { to: 'A|1|B', at: i * 100 }));
      team.push(await scenario.send(a, { to: 'A|2|T1', at: i * 100 + 50, isFlagged: true }));
    }
    await server.settle();
    server.setFaults({
      failureRate: 0.2,
      timeoutRate: 0.1,
      latencyMs: [0, 40],
      duplicateRate: 0.3,
      reorder: 0.3,
      seed,
    });
    const results: Array<string | number> = [];
    const record = (promise: Promise<unknown>) =>
      promise.then(
        () => results.push('ok'),
        (error: { code: number }) => results.push(error.code),
      );
    const calls: Promise<unknown>[] = [];
    for (const [index, reader] of readers.entries()) {
      for (const message of team) {
        calls.push(
          record(
            reader.client.V2NIMMessageService.sendTeamMessageReceipts([
              receivedBy(reader.log, message),
            ]),
          ),
        );
      }
      if (index === 0) {
        for (const message of p2p) {
          calls.push(
            record(
              reader.client.V2NIMMessageService.sendP2PMessageReceipt(
                receivedBy(reader.log, message),
              ),
            ),
          );
        }
      }
    }
    await vi.advanceTimersByTimeAsync(1000);
    await Promise.all(calls);
    return { results, p2p: aLog.p2p, team: aLog.team };
  }

  it('the same seed gives the same outcomes and the same event order; another seed differs', async () => {
    const first = await faultedRun(99);
    vi.useRealTimers();
    const second = await faultedRun(99);
    vi.useRealTimers();
    const other = await faultedRun(100);
    expect(second).toEqual(first);
    expect(other).not.toEqual(first);
    expect(first.results).toHaveLength(16);
    expect(first.team.length).toBeGreaterThan(0);
  });
});
