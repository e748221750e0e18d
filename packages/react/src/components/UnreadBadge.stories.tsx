import type { ReceiptEngine, ReceiptMessage } from '@readmark/core';
import { useState } from 'react';
import type { ReceiptLocale } from '../i18n/ReceiptStrings';
import { ReceiptDetailSheet } from './ReceiptDetailSheet';
import { Providers, useWorld } from './testWorld.test';
import { UnreadBadge } from './UnreadBadge';

export default {
  title: 'Components/UnreadBadge',
  component: UnreadBadge,
  args: { locale: 'en' },
  argTypes: { locale: { control: 'inline-radio', options: ['en', 'zh-CN'] } },
};

type Args = { locale: ReceiptLocale };
const members = Array.from({ length: 12 }, (_, index) => `member${index + 1}`);

/** A team of Alice and 12 members; `readers` of them read Alice's flagged message. */
async function teamWithMessage(
  world: Parameters<Parameters<typeof useWorld>[0]>[0],
  { teamId, readers, beforeSend }: { teamId: string; readers: number; beforeSend?: () => void },
) {
  world.server.createTeam({ teamId, memberIds: ['alice', ...members] });
  beforeSend?.();
  const alice = world.server.login('alice');
  const message = await world.send(alice, {
    conversationId: `alice|2|${teamId}`,
    text: 'hello team',
    isReceiptRequested: true,
  });
  for (const id of members.slice(0, readers)) {
    const reader = world.server.login(id);
    const [copy] = await world.history(reader, `${id}|2|${teamId}`);
    await reader.V2NIMMessageService.sendTeamMessageReceipts([copy as never]);
  }
  await world.server.settle();
  return { alice, message };
}

function Badge({
  engine,
  message,
  locale,
}: Args & { engine: ReceiptEngine; message: ReceiptMessage }) {
  const [isOpen, setIsOpen] = useState(false);
  return (
    <Providers engine={engine} locale={locale}>
      <UnreadBadge message={message} onOpen={() => setIsOpen(true)} />
      <ReceiptDetailSheet message={message} isOpen={isOpen} onClose={() => setIsOpen(false)} />
    </Providers>
  );
}

function StateRow({ locale, readers, fault }: Args & { readers: number; fault?: number }) {
  const ready = useWorld(async (world) => {
    const { alice, message } = await teamWithMessage(world, { teamId: 't1', readers });
    if (fault) world.server.injectFault({ method: 'getTeamMessageReceipts', code: fault });
    return { engine: world.engineFor(alice), message };
  });
  return ready ? <Badge {...ready} locale={locale} /> : null;
}

/** 3 of 12 members have not read. */
export const Unread = { render: (args: Args) => <StateRow {...args} readers={9} /> };
/** Everyone read. */
export const AllRead = { render: (args: Args) => <StateRow {...args} readers={12} /> };
/** The team's receipts are disabled (NIM 108312): an explicit "unavailable" instead of numbers. */
export const Unavailable = {
  render: (args: Args) => <StateRow {...args} readers={0} fault={108312} />,
};

function SlowServer({ locale }: Args) {
  const ready = useWorld(
    async (world) => {
      const { alice, message } = await teamWithMessage(world, { teamId: 't1', readers: 2 });
      return { engine: world.engineFor(alice), message };
    },
    { latencyMs: 3000 },
  );
  return ready ? <Badge {...ready} locale={locale} /> : null;
}

/** Counts take three seconds to arrive: the badge shows its loading state meanwhile. */
export const Loading = { render: (args: Args) => <SlowServer {...args} /> };

function LiveTeam({ locale }: Args) {
  const ready = useWorld(async (world, onCleanup) => {
    const { alice, message } = await teamWithMessage(world, {
      teamId: 't1',
      readers: 0,
      beforeSend: () =>
        onCleanup(
          world.server.simulateTeamReaders({
            teamId: 't1',
            readerIds: members,
            minDelayMs: 500,
            maxDelayMs: 8000,
          }).stop,
        ),
    });
    return { engine: world.engineFor(alice), message };
  });
  return ready ? <Badge {...ready} locale={locale} /> : null;
}

/**
 * Simulated members read over eight seconds: the badge counts down. Open the sheet to watch members
 * move from Unread to Read.
 */
export const Live = { render: (args: Args) => <LiveTeam {...args} /> };
