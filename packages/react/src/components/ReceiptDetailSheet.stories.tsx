import type { ReceiptMessage } from '@readmark/core';
import { useState } from 'react';
import type { ReceiptLocale } from '../i18n/ReceiptStrings';
import { ReceiptDetailSheet } from './ReceiptDetailSheet';
import { Providers, useWorld } from './testWorld.test';
import { UnreadBadge } from './UnreadBadge';

export default {
  title: 'Components/ReceiptDetailSheet',
  component: ReceiptDetailSheet,
  args: { locale: 'en' },
  argTypes: { locale: { control: 'inline-radio', options: ['en', 'zh-CN'] } },
};

type Args = { locale: ReceiptLocale };
const FIRST_NAMES = ['Ada', 'Bo', 'Chen', 'Dana', 'Eli', 'Fang', 'Gus', 'Hui', 'Ivy', 'Jun'];

/** 150 members with names (and avatars for some) from the provider's resolver. */
const memberIds = Array.from({ length: 150 }, (_, index) => `user${index + 1}`);
const resolveName = (accountId: string) => {
  const index = Number(accountId.slice(4)) - 1;
  return `${FIRST_NAMES[index % FIRST_NAMES.length]} ${Math.floor(index / FIRST_NAMES.length) + 1}`;
};
const names = Object.fromEntries(memberIds.map((id) => [id, resolveName(id)]));

function LiveSheet({ locale, isOpenAtStart }: Args & { isOpenAtStart: boolean }) {
  const ready = useWorld(async (world, onCleanup) => {
    world.server.createTeam({ teamId: 'big', memberIds: ['alice', ...memberIds] });
    onCleanup(
      world.server.simulateTeamReaders({
        teamId: 'big',
        readerIds: memberIds,
        minDelayMs: 1000,
        maxDelayMs: 20000,
      }).stop,
    );
    const alice = world.server.login('alice');
    const message = await world.send(alice, {
      conversationId: 'alice|2|big',
      text: 'All hands at 3pm',
      isReceiptRequested: true,
    });
    return { engine: world.engineFor(alice), message };
  });
  const [isOpen, setIsOpen] = useState(isOpenAtStart);
  if (!ready) return null;
  return (
    <Providers engine={ready.engine} locale={locale} names={names}>
      <p>
        All hands at 3pm <UnreadBadge message={ready.message} onOpen={() => setIsOpen(true)} />
      </p>
      <ReceiptDetailSheet
        message={ready.message as ReceiptMessage}
        isOpen={isOpen}
        onClose={() => setIsOpen(false)}
      />
    </Providers>
  );
}

/** 150 members read over twenty seconds while the sheet is open: names move from Unread to Read. */
export const Live = { render: (args: Args) => <LiveSheet {...args} isOpenAtStart /> };
/** The same team, closed: open it from the badge (focus returns to the badge on Esc). */
export const FromBadge = { render: (args: Args) => <LiveSheet {...args} isOpenAtStart={false} /> };

function FailingSheet({ locale }: Args) {
  const ready = useWorld(async (world) => {
    world.server.createTeam({ teamId: 't1', memberIds: ['alice', 'bob', 'carol'] });
    const alice = world.server.login('alice');
    const message = await world.send(alice, {
      conversationId: 'alice|2|t1',
      text: 'hi',
      isReceiptRequested: true,
    });
    world.server.injectFault({ method: 'getTeamMessageReceiptDetail', code: 107404 });
    return { engine: world.engineFor(alice), message };
  });
  if (!ready) return null;
  return (
    <Providers engine={ready.engine} locale={locale}>
      <ReceiptDetailSheet message={ready.message} isOpen onClose={() => {}} />
    </Providers>
  );
}

/** The first detail query fails: the error state; Retry loads the members. */
export const ErrorAndRetry = { render: (args: Args) => <FailingSheet {...args} /> };
