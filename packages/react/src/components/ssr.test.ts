import { createReceiptEngine } from '@readmark/core';
import { createMemoryServer } from '@readmark/memory';
import { createNimTransport } from '@readmark/nim';
import { createElement, Fragment, version } from 'react';
import { renderToString } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReceiptProvider } from '../ReceiptProvider';
import { ConversationReadTick } from './ConversationReadTick';
import { MessageList } from './MessageList';
import { ReadTick } from './ReadTick';
import { ReceiptDetailSheet } from './ReceiptDetailSheet';
import { UnreadBadge } from './UnreadBadge';

/**
 * Components whose layout effects still come from React's `useLayoutEffect`, not the kit's
 * `useClientLayoutEffect`: React 18's server renderer warns once for each (`console.error`,
 * development builds); React 19 says nothing. Both come from `useRowVirtualizer.ts`, which the list
 * (MessageList) and its rows (VirtualRows) call.
 */
const serverLayoutEffectWarningsOnReact18 = ['MessageList', 'VirtualRows'];

let consoleCalls: unknown[][];
beforeEach(() => {
  consoleCalls = [];
  vi.spyOn(console, 'error').mockImplementation((...args) => void consoleCalls.push(args));
  vi.spyOn(console, 'warn').mockImplementation((...args) => void consoleCalls.push(args));
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** The components React warned about for a layout effect; fails on any other console output. */
function componentsWarnedForLayoutEffects(): string[] {
  const components = new Set<string>();
  for (const [message, stack] of consoleCalls) {
    expect(String(message)).toContain('useLayoutEffect does nothing on the server');
    components.add(/^\s*at (\w+)/.exec(String(stack))?.[1] ?? String(stack));
  }
  return [...components].sort();
}

describe('server rendering', () => {
  it('renders every component in Node without window or document', async () => {
    expect(typeof window).toBe('undefined');
    expect(typeof document).toBe('undefined');
    const server = createMemoryServer();
    server.createTeam({ teamId: 't1', memberIds: ['alice', 'bob'] });
    const alice = server.login('alice');
    const draft = alice.V2NIMMessageCreator.createTextMessage('hi');
    const { message } = await alice.V2NIMMessageService.sendMessage(draft, 'alice|2|t1', {
      messageConfig: { readReceiptEnabled: true },
    });
    const engine = createReceiptEngine({
      transport: createNimTransport(alice),
      accountId: 'alice',
    });

    const html = renderToString(
      createElement(
        ReceiptProvider,
        { engine, locale: 'zh-CN' },
        createElement(
          Fragment,
          null,
          createElement(ReadTick, { message }),
          createElement(UnreadBadge, { message, onOpen: () => {} }),
          createElement(ReceiptDetailSheet, { message, isOpen: false, onClose: () => {} }),
          createElement(MessageList, {
            conversationId: 'alice|2|t1',
            messages: [message],
            renderMessage: () => 'row',
          }),
        ),
      ),
    );
    engine.dispose();

    expect(html).toContain('role="img"');
    expect(html).toContain('aria-label="已发送"');
    expect(html).toContain('data-status="loading"');
    expect(html).toContain('<dialog');
    expect(html).toContain('aria-label="消息列表"');
    // No warning on React 19; on React 18 (the react18 project) only the pending layout effects.
    expect(componentsWarnedForLayoutEffects()).toEqual(
      version.startsWith('18.') ? serverLayoutEffectWarningsOnReact18 : [],
    );
  });

  it('takes string overrides from the provider', async () => {
    const server = createMemoryServer();
    const alice = server.login('alice');
    const draft = alice.V2NIMMessageCreator.createTextMessage('hi');
    const { message } = await alice.V2NIMMessageService.sendMessage(draft, 'alice|1|bob');
    const engine = createReceiptEngine({
      transport: createNimTransport(alice),
      accountId: 'alice',
    });
    const { lastMessage } = await alice.V2NIMConversationService.getConversation('alice|1|bob');
    const html = renderToString(
      createElement(
        ReceiptProvider,
        { engine, locale: 'zh-CN', strings: { tickSent: 'Delivered' } },
        createElement(ReadTick, { message }),
        createElement(ConversationReadTick, { lastMessage }),
      ),
    );
    engine.dispose();
    // The message's tick and the conversation row's tick.
    expect(html.match(/aria-label="Delivered"/g)).toHaveLength(2);
  });
});
