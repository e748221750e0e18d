import { createReceiptEngine } from '@readmark/core';
import { createMemoryServer } from '@readmark/memory';
import { createNimTransport } from '@readmark/nim';
import { createElement, Fragment } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ReceiptProvider } from '../ReceiptProvider';
import { ConversationReadTick } from './ConversationReadTick';
import { consoleCallsPerTest } from './consoleCallsPerTest.test';
import { MessageList } from './MessageList';
import { ReadBy } from './ReadBy';
import { ReadTick } from './ReadTick';
import { ReceiptDetailSheet } from './ReceiptDetailSheet';
import { UnreadBadge } from './UnreadBadge';

const consoleCalls = consoleCallsPerTest();

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
          createElement(ReadBy, { message }),
          createElement(ReceiptDetailSheet, { message, isOpen: false, onClose: () => {} }),
          createElement(MessageList, {
            conversationId: 'alice|2|t1',
            messages: [message],
            renderMessage: () => 'row',
            // Its read time is asked in an effect: no line on the server.
            unreadLine: true,
          }),
        ),
      ),
    );
    engine.dispose();

    expect(html).toContain('role="img"');
    // The counts are not known on the server: the team tick says "已发送" (sent), its badge that
    // they load.
    expect(html).toContain('aria-label="已发送" class="readmark-tick" data-status="sent"');
    expect(html).toContain('class="readmark-badge" lang="zh-CN" data-status="loading"');
    // Who has read is not known on the server: no "read by" line yet.
    expect(html).not.toContain('readmark-read-by');
    expect(html).not.toContain('readmark-unread-separator');
    // The closed sheet renders nothing.
    expect(html).not.toContain('<dialog');
    expect(html).toMatch(/<span id="[^"]+" lang="zh-CN" hidden="">消息列表<\/span>/);
    // The kit's text declares its language in the server's HTML already (WCAG 3.1.2): the tick,
    // the badge, the message list's name and its two live regions (older history loading, new
    // messages); not the rows' container.
    expect(
      html.match(/<(span|button|dialog|div)[^>]* lang="zh-CN"/g)?.map((tag) => tag.split(' ')[0]),
    ).toEqual(['<span', '<button', '<span', '<div', '<div']);
    expect(html).not.toMatch(/class="readmark-message-list"[^>]* lang=/);
    // Not a word on the console, on React 19 or 18 (the react18 project), whose server renderer
    // warns about every useLayoutEffect it meets: the kit's go through useClientLayoutEffect.
    expect(consoleCalls).toEqual([]);
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
        { engine, locale: 'zh-CN', strings: { tickSent: 'Delivered', badgeLoading: 'Checking' } },
        createElement(ReadTick, { message }),
        createElement(ConversationReadTick, { lastMessage }),
      ),
    );
    engine.dispose();
    // The conversation row's tick; the message's, whose peer read time the server does not know,
    // says it loads (in the override's words too).
    expect(html.match(/aria-label="(Delivered|Checking)"/g)).toEqual([
      'aria-label="Checking"',
      'aria-label="Delivered"',
    ]);
  });
});
