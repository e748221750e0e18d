/**
 * Support for the component browser tests and the Storybook stories (named `.test.tsx` so the library
 * build and its typecheck skip it; it holds no tests itself). Everything is real: the memory server,
 * the nim transport over a memory client, the engine and the provider.
 */
import {
  type Clock,
  createReceiptEngine,
  type ReceiptEngine,
  type ReceiptMessage,
  type RetryPolicy,
} from '@readmark/core';
import { createMemoryServer, type MemoryClient } from '@readmark/memory';
import { createNimTransport } from '@readmark/nim';
import { type ReactNode, useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import type { ReceiptLocale } from '../i18n/ReceiptStrings';
import { ReceiptProvider } from '../ReceiptProvider';
import type { ReceiptDetailTab } from './DetailTabs';
import { ReceiptDetailSheet } from './ReceiptDetailSheet';
import { UnreadBadge } from './UnreadBadge';

/**
 * A memory server whose createTime advances by 100 per message, starting at 1,100, unless `now`
 * gives the server's time.
 */
export function createWorld({
  latencyMs = 0,
  now,
}: {
  latencyMs?: number;
  now?: (() => number) | undefined;
} = {}) {
  let time = 1000;
  const server = createMemoryServer({ now: now ?? (() => (time += 100)), latencyMs });
  const engines: ReceiptEngine[] = [];

  /** An engine for a device that sends its receipts at once (no flush window) so tests need no timers. */
  const engineFor = (
    client: MemoryClient,
    options: { clock?: Clock; retry?: Partial<RetryPolicy> } = {},
  ): ReceiptEngine => {
    const engine = createReceiptEngine({
      transport: createNimTransport(client),
      accountId: client.accountId,
      flushDelayMs: 0,
      ...options,
    });
    engines.push(engine);
    return engine;
  };

  /** Sends a text message and waits until every device has it. */
  const send = async (
    client: MemoryClient,
    {
      conversationId,
      text,
      isReceiptRequested = false,
    }: { conversationId: string; text: string; isReceiptRequested?: boolean },
  ): Promise<ReceiptMessage> => {
    const draft = client.V2NIMMessageCreator.createTextMessage(text);
    const { message } = await client.V2NIMMessageService.sendMessage(
      draft,
      conversationId,
      isReceiptRequested ? { messageConfig: { readReceiptEnabled: true } } : undefined,
    );
    await server.settle();
    return message as ReceiptMessage;
  };

  /** The device's copy of a conversation's history, oldest first. */
  const history = async (
    client: MemoryClient,
    conversationId: string,
  ): Promise<ReceiptMessage[]> => {
    const messages = await client.V2NIMMessageService.getMessageList({
      conversationId,
      limit: 100,
    });
    return [...(messages as ReceiptMessage[])].sort((a, b) => a.createTime - b.createTime);
  };

  const dispose = () => {
    for (const engine of engines) engine.dispose();
  };

  return { server, engineFor, send, history, dispose };
}

/** Alice's own history of `count` messages with `peer` (no receipts to send), oldest first. */
export function aliceHistory(count: number, from = 0, peer = 'bob'): ReceiptMessage[] {
  return Array.from({ length: count }, (_, offset) => {
    const index = from + offset;
    return {
      messageClientId: peer === 'bob' ? `c${index}` : `${peer}-c${index}`,
      messageServerId: `s${index}`,
      createTime: 1_000_000 + index,
      senderId: 'alice',
      receiverId: peer,
      conversationType: 1,
      conversationId: `alice|1|${peer}`,
      isSelf: true,
    };
  });
}

/**
 * A row of {@link aliceHistory}'s message `c<n>`, 40, 90 or 140 px high by `n` (the list's 64 px
 * estimate is wrong for every one), with the message's id as its test id and text.
 */
export const threeHeightRow = (message: ReceiptMessage) => (
  <div
    data-testid={message.messageClientId}
    style={{ height: 40 + (Number(message.messageClientId.slice(1)) % 3) * 50 }}
  >
    {message.messageClientId}
  </div>
);

/**
 * A row `height` px high of a message, with the message's id as its test id and text (made anew
 * for each call, as an inline `renderMessage` is).
 */
export const rowOfHeight = (height: number) => (message: ReceiptMessage) => (
  <div data-testid={message.messageClientId} style={{ height }}>
    {message.messageClientId}
  </div>
);

/**
 * Renders `ui(...initial)` for Alice in a fresh world, inside the real provider (in `locale`):
 * returns the world, the app, the `<section>` that scrolls the list in it, and `rerender` to render
 * `ui` again with other arguments.
 */
export function renderAliceApp<Args extends unknown[]>(
  ui: (...args: Args) => ReactNode,
  initial: NoInfer<Args>,
  { locale }: { locale?: ReceiptLocale } = {},
) {
  const world = createWorld();
  const engine = world.engineFor(world.server.login('alice'));
  const provided = (...args: Args) => (
    <Providers engine={engine} locale={locale}>
      {ui(...args)}
    </Providers>
  );
  const app = renderApp(provided(...initial));
  return {
    world,
    app,
    scroller: app.container.querySelector('section') as HTMLElement,
    rerender: (...args: Args) => app.rerender(provided(...args)),
  };
}

/** The real provider around `children`. */
export function Providers({
  engine,
  locale = 'en',
  names,
  children,
}: {
  engine: ReceiptEngine;
  locale?: ReceiptLocale;
  names?: Record<string, string>;
  children: ReactNode;
}) {
  return (
    <ReceiptProvider
      engine={engine}
      locale={locale}
      resolveMember={
        names
          ? (accountId) => (names[accountId] ? { name: names[accountId] } : undefined)
          : undefined
      }
    >
      {children}
    </ReceiptProvider>
  );
}

/** Resolves at the next animation frame (the browser's, so after its layout of the last one). */
export const nextFrame = () =>
  new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));

/** Resolves after `count` animation frames. */
export async function frames(count = 3) {
  for (let index = 0; index < count; index++) await nextFrame();
}

/** Waits until the page's pending work settles: server deliveries, then React's commit. */
export async function settle(server: { settle(): Promise<void> }) {
  await server.settle();
  await new Promise((resolve) => setTimeout(resolve, 0));
  await server.settle();
}

/**
 * Resolves once `count()` (e.g. a Profiler's commits) has not moved for `frames` animation frames
 * in a row: what a loaded machine delays past `settle` (a row or member measured late) is over, so
 * a test that then waits for a timer counts only what that timer renders.
 */
export async function untilStill(count: () => number, frames = 5) {
  let last = count();
  for (let still = 0; still < frames; ) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    still = count() === last ? still + 1 : 0;
    last = count();
  }
}

const mounted: { root: Root; container: HTMLElement }[] = [];

/**
 * Renders into a fresh container with react-dom directly. (@testing-library/react is not used in
 * browser mode: Vite discovers it after the first optimize pass and the re-optimized chunk loads a
 * second copy of React.) Later updates from the store render asynchronously; wait with `settle` or
 * @testing-library/dom's `findBy*`.
 */
export function renderApp(ui: ReactNode) {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  flushSync(() => root.render(ui));
  mounted.push({ root, container });
  return {
    container,
    rerender: (next: ReactNode) => flushSync(() => root.render(next)),
    unmount: () => flushSync(() => root.unmount()),
  };
}

/** Unmounts everything `renderApp` mounted. */
export function cleanupApps() {
  for (const { root, container } of mounted.splice(0)) {
    flushSync(() => root.unmount());
    container.remove();
  }
}

/**
 * For stories: builds a world once per mount (never at module scope) and runs an async setup against
 * it; returns the setup's result once ready. Simulations started in setup are stopped on unmount.
 */
export function useWorld<T>(
  setup: (
    world: ReturnType<typeof createWorld>,
    onCleanup: (stop: () => void) => void,
  ) => Promise<T>,
  options?: Parameters<typeof createWorld>[0],
): T | undefined {
  const [result, setResult] = useState<T>();
  // biome-ignore lint/correctness/useExhaustiveDependencies: one world per mount
  useEffect(() => {
    const world = createWorld(options);
    const cleanups: (() => void)[] = [];
    let isActive = true;
    void setup(world, (stop) => cleanups.push(stop)).then((value) => {
      if (isActive) setResult(() => value);
    });
    return () => {
      isActive = false;
      for (const stop of cleanups) stop();
      world.dispose();
    };
  }, []);
  return result;
}

/** The world type `useWorld` hands to a story's setup. */
export type World = ReturnType<typeof createWorld>;

/** The language chosen in Storybook's toolbar (or pinned by a story's `globals`). */
export function storyLocale(globals: Record<string, unknown>): ReceiptLocale {
  return globals.locale === 'zh-CN' ? 'zh-CN' : 'en';
}

/**
 * For stories and tests: an `UnreadBadge` that opens the message's `ReceiptDetailSheet`, as an app
 * wires them. Render it inside a provider and a flow container (a `<div>`, not a `<p>`: the sheet is
 * a `<dialog>`).
 */
export function BadgeOpensSheet({
  message,
  className,
  onClosed,
  initialTab,
  messageExcerpt,
}: {
  message: ReceiptMessage;
  /** Passed to the badge. */
  className?: string;
  /** Called after the sheet asked to close. */
  onClosed?: () => void;
  /** Passed to the sheet. */
  initialTab?: ReceiptDetailTab;
  /** Passed to the sheet. */
  messageExcerpt?: string;
}) {
  const [isOpen, setIsOpen] = useState(false);
  return (
    <>
      <UnreadBadge message={message} className={className} onOpen={() => setIsOpen(true)} />
      <ReceiptDetailSheet
        message={message}
        isOpen={isOpen}
        initialTab={initialTab}
        messageExcerpt={messageExcerpt}
        onClose={() => {
          setIsOpen(false);
          onClosed?.();
        }}
      />
    </>
  );
}

/**
 * Alice's three messages to Bob (`p0`..`p2`) and three flagged ones to team t1 of Alice, Bob and
 * Carol (`g0`..`g2`); what Bob's device has of both chats, oldest first.
 */
export async function threeChatsEachForBob(world: World) {
  world.server.createTeam({ teamId: 't1', memberIds: ['alice', 'bob', 'carol'] });
  const alice = world.server.login('alice');
  const bob = world.server.login('bob');
  for (let index = 0; index < 3; index++) {
    await world.send(alice, { conversationId: 'alice|1|bob', text: `p${index}` });
    await world.send(alice, {
      conversationId: 'alice|2|t1',
      text: `g${index}`,
      isReceiptRequested: true,
    });
  }
  return {
    alice,
    bob,
    p2p: await world.history(bob, 'bob|1|alice'),
    team: await world.history(bob, 'bob|2|t1'),
  };
}

/** Twelve team members besides Alice. */
export const twelveMembers = Array.from({ length: 12 }, (_, index) => `member${index + 1}`);

/**
 * A team of Alice and `memberIds` (default: twelve members); the first `readers` of them read Alice's
 * flagged message. `beforeSend` runs after the team exists, e.g. to start simulated readers.
 */
export async function teamWithMessage(
  world: World,
  {
    teamId,
    readers,
    memberIds = twelveMembers,
    text = 'hello team',
    beforeSend,
  }: {
    teamId: string;
    readers: number;
    memberIds?: readonly string[];
    text?: string;
    beforeSend?: () => void;
  },
) {
  world.server.createTeam({ teamId, memberIds: ['alice', ...memberIds] });
  beforeSend?.();
  const alice = world.server.login('alice');
  const message = await world.send(alice, {
    conversationId: `alice|2|${teamId}`,
    text,
    isReceiptRequested: true,
  });
  for (const id of memberIds.slice(0, readers)) {
    const reader = world.server.login(id);
    const [copy] = await world.history(reader, `${id}|2|${teamId}`);
    await reader.V2NIMMessageService.sendTeamMessageReceipts([copy as never]);
  }
  await world.server.settle();
  return { alice, message };
}
