import { MessageSendingState } from '@readmark/core';
import { createMemoryServer } from '@readmark/memory';
import { screen, waitFor } from '@testing-library/dom';
import { describe, expect, it } from 'vitest';
import { aliceDevice, renderOnAliceDevice, unmountAliceDevice } from './aliceDevice.testkit';
import type { DemoMessage } from './createMessageStore';
import { TeamReceipt } from './TeamReceipt';

/** Alice's own team message as her device shows it: sent, flagged or not, or refused. */
async function aliceTeamMessage(options: { isFlagged: boolean; isFailed?: boolean }) {
  const server = createMemoryServer();
  server.createTeam({ teamId: 't1', memberIds: ['alice', 'bob'] });
  const { alice, engine } = aliceDevice(server);
  const { message } = await alice.V2NIMMessageService.sendMessage(
    alice.V2NIMMessageCreator.createTextMessage('hello'),
    'alice|2|t1',
    options.isFlagged ? { messageConfig: { readReceiptEnabled: true } } : undefined,
  );
  const shown: DemoMessage = options.isFailed
    ? { ...(message as DemoMessage), messageServerId: '', sendingState: MessageSendingState.FAILED }
    : (message as DemoMessage);
  return renderOnAliceDevice(engine, <TeamReceipt message={shown} onOpen={() => {}} />);
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

  it('an unflagged message, sent or refused, shows nothing (the bubble’s note says Not sent)', async () => {
    const refused = await aliceTeamMessage({ isFlagged: false, isFailed: true });
    expect(refused.textContent).toBe('');
    unmountAliceDevice();
    const container = await aliceTeamMessage({ isFlagged: false });
    expect(container.textContent).toBe('');
  });
});
