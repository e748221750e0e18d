import type { ReceiptMessage } from '@readmark/core';
import { createNimTransport } from '@readmark/nim';
import { screen, waitFor } from '@testing-library/dom';
import { StrictMode, useState } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { countCalls } from '../../../core/src/testing/receiptWorld';
import { ReceiptProvider } from '../ReceiptProvider';
import { consoleCallsPerTest } from './consoleCallsPerTest.test';
import { MessageList } from './MessageList';
import { ReceiptDetailSheet } from './ReceiptDetailSheet';
import {
  cleanupApps,
  createWorld,
  nextFrame,
  renderApp,
  settle,
  threeChatsEachForBob,
} from './testWorld.test';

/*
 * StrictMode in development renders twice and mounts every effect twice (React 19 its ref callbacks
 * too). The provider's own engine, the list's read marking and the sheet's dialog must come out of
 * it as they would without: each receipt sent once, the dialog open once and focus back where it
 * was. On React 19 here and on 18.3 in the react18-browser project.
 */
let world: ReturnType<typeof createWorld>;
const consoleCalls = consoleCallsPerTest();
beforeEach(() => {
  window.focus();
  world = createWorld();
});
afterEach(() => {
  cleanupApps();
  world.dispose();
});

const style = document.createElement('style');
style.textContent = '.strict-list { height: 300px; width: 400px; }';
document.head.append(style);

const renderMessage = (message: ReceiptMessage) => (
  <div style={{ height: 40 }}>{message.messageClientId}</div>
);

/** The sheet rendered only while open, as apps often do: it mounts open. */
function OpenerAndSheet({ message }: { message: ReceiptMessage }) {
  const [isOpen, setIsOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setIsOpen(true)}>
        Who read it
      </button>
      {isOpen && <ReceiptDetailSheet message={message} isOpen onClose={() => setIsOpen(false)} />}
    </>
  );
}

describe('under StrictMode', () => {
  it('the lists of a provider with its own engine send each receipt once', async () => {
    const { alice, bob, p2p, team } = await threeChatsEachForBob(world);
    const { transport, calls } = countCalls(createNimTransport(bob));
    renderApp(
      <StrictMode>
        <ReceiptProvider transport={transport} accountId="bob" engineOptions={{ flushDelayMs: 0 }}>
          <MessageList
            className="strict-list"
            conversationId="bob|1|alice"
            messages={p2p}
            renderMessage={renderMessage}
            readDwellMs={0}
          />
          <MessageList
            className="strict-list"
            conversationId="bob|2|t1"
            messages={team}
            renderMessage={renderMessage}
            readDwellMs={0}
          />
        </ReceiptProvider>
      </StrictMode>,
    );
    const peerReadTime = async () =>
      (await alice.V2NIMMessageService.getP2PMessageReceipt('alice|1|bob')).timestamp;
    await waitFor(async () => expect(await peerReadTime()).toBeGreaterThan(0));
    await waitFor(() => expect(calls.sendTeamMessageReceipts).toHaveLength(1));
    // Frames and deliveries more (receipts go out at once): nothing else is sent.
    for (let frame = 0; frame < 5; frame++) await nextFrame();
    await settle(world.server);
    expect(calls.sendP2PMessageReceipt).toHaveLength(1);
    expect(calls.sendTeamMessageReceipts).toHaveLength(1);
    expect((calls.sendTeamMessageReceipts[0]![0] as unknown[]).length).toBe(3);
    expect(calls.getP2PMessageReceipt).toHaveLength(1);
    expect(calls.getSelfReadTime).toHaveLength(1);
    expect(consoleCalls).toEqual([]);
  });

  it('a sheet mounted open asks its detail once, and Esc returns focus to what opened it', async () => {
    world.server.createTeam({ teamId: 't1', memberIds: ['alice', 'bob', 'carol'] });
    const alice = world.server.login('alice');
    const message = await world.send(alice, {
      conversationId: 'alice|2|t1',
      text: 'lunch?',
      isReceiptRequested: true,
    });
    const { transport, calls } = countCalls(createNimTransport(alice));
    renderApp(
      <StrictMode>
        <ReceiptProvider transport={transport} accountId="alice">
          <OpenerAndSheet message={message} />
        </ReceiptProvider>
      </StrictMode>,
    );
    const opener = screen.getByRole('button', { name: 'Who read it' });
    await userEvent.click(opener);
    const dialog = (await screen.findByRole('dialog')) as HTMLDialogElement;
    await waitFor(() => expect(screen.getByRole('tab', { name: 'Unread (2)' })).toBeTruthy());
    expect(dialog.open).toBe(true);
    expect(calls.getTeamMessageReceiptDetail).toHaveLength(1);

    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(document.activeElement).toBe(opener);
    expect(consoleCalls).toEqual([]);
  });
});
