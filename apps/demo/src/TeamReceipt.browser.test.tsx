import { createReceiptEngine, MessageSendingState } from '@readmark/core';
import { createMemoryServer } from '@readmark/memory';
import { createNimTransport } from '@readmark/nim';
import { ReceiptProvider } from '@readmark/react';
import { screen, waitFor } from '@testing-library/dom';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import type { DemoMessage } from './createMessageStore';
import { DemoStringsProvider } from './i18n/DemoStringsContext';
import { TeamReceipt } from './TeamReceipt';

let root: Root | undefined;
const disposers: (() => void)[] = [];
afterEach(() => {
  flushSync(() => root?.unmount());
  root = undefined;
  for (const dispose of disposers.splice(0)) dispose();
  document.body.replaceChildren();
});

/** Alice's own team message as her device shows it: sent, flagged or not, or refused. */
async function aliceTeamMessage(options: { isFlagged: boolean; isFailed?: boolean }) {
  const server = createMemoryServer();
  server.createTeam({ teamId: 't1', memberIds: ['alice', 'bob'] });
  const alice = server.login('alice');
  server.login('bob');
  const engine = createReceiptEngine({
    transport: createNimTransport(alice),
    accountId: 'alice',
    flushDelayMs: 0,
  });
  disposers.push(() => engine.dispose());
  const { message } = await alice.V2NIMMessageService.sendMessage(
    alice.V2NIMMessageCreator.createTextMessage('hello'),
    'alice|2|t1',
    options.isFlagged ? { messageConfig: { readReceiptEnabled: true } } : undefined,
  );
  const shown: DemoMessage = options.isFailed
    ? { ...(message as DemoMessage), messageServerId: '', sendingState: MessageSendingState.FAILED }
    : (message as DemoMessage);
  const container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  flushSync(() =>
    root?.render(
      <DemoStringsProvider locale="en">
        <ReceiptProvider engine={engine} locale="en">
          <TeamReceipt message={shown} onOpen={() => {}} />
        </ReceiptProvider>
      </DemoStringsProvider>,
    ),
  );
  return container;
}

describe('TeamReceipt (the demo’s indicator on an own team message)', () => {
  it('a sent flagged message shows its unread badge', async () => {
    await aliceTeamMessage({ isFlagged: true });
    await waitFor(() => expect(screen.getByRole('button').textContent).toMatch(/1 unread/));
  });

  it('a refused flagged message shows the kit’s Failed tick and no badge', async () => {
    await aliceTeamMessage({ isFlagged: true, isFailed: true });
    expect(screen.getByRole('img', { name: 'Failed' })).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('a refused unflagged message says Not sent; a sent one shows nothing', async () => {
    await aliceTeamMessage({ isFlagged: false, isFailed: true });
    expect(screen.getByText('Not sent')).toBeTruthy();
    flushSync(() => root?.unmount());
    root = undefined;
    const container = await aliceTeamMessage({ isFlagged: false });
    expect(container.textContent).toBe('');
  });
});
