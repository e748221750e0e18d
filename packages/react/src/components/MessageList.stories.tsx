import type { ReceiptEngine, ReceiptMessage } from '@readmark/core';
import type { MemoryClient } from '@readmark/memory';
import { useCallback, useEffect, useState } from 'react';
import type { ReceiptLocale } from '../i18n/ReceiptStrings';
import { MessageList } from './MessageList';
import { ReadTick } from './ReadTick';
import { Providers, useWorld } from './testWorld.test';

export default {
  title: 'Components/MessageList',
  component: MessageList,
  args: { locale: 'en' },
  argTypes: { locale: { control: 'inline-radio', options: ['en', 'zh-CN'] } },
};

type Args = { locale: ReceiptLocale };
type World = Parameters<Parameters<typeof useWorld>[0]>[0];

const LINES = ['ok', 'see you at the station at six, the train leaves at quarter past', 'sure!'];

/** One device's list, kept in sync with the memory server's history. */
function DeviceList({
  world,
  client,
  conversationId,
  engine,
  locale,
}: Args & { world: World; client: MemoryClient; conversationId: string; engine: ReceiptEngine }) {
  const [messages, setMessages] = useState<ReceiptMessage[]>([]);
  useEffect(() => {
    const reload = () => void world.history(client, conversationId).then(setMessages);
    reload();
    client.V2NIMMessageService.on('onReceiveMessages', reload);
    return () => client.V2NIMMessageService.off('onReceiveMessages', reload);
  }, [world, client, conversationId]);
  const renderMessage = useCallback(
    (message: ReceiptMessage) => {
      const isOwn = message.senderId === client.accountId;
      return (
        <div
          style={{ display: 'flex', justifyContent: isOwn ? 'flex-end' : 'flex-start', padding: 4 }}
        >
          <div
            style={{
              maxWidth: '70%',
              padding: '6px 10px',
              borderRadius: 12,
              border: '1px solid #ccc',
            }}
          >
            {(message as { text?: string }).text ?? message.messageClientId}{' '}
            {isOwn && <ReadTick message={message} />}
          </div>
        </div>
      );
    },
    [client.accountId],
  );
  return (
    <Providers engine={engine} locale={locale}>
      <div style={{ height: 320, width: 320, border: '1px solid #999' }}>
        <MessageList
          conversationId={conversationId}
          messages={messages}
          renderMessage={renderMessage}
        />
      </div>
    </Providers>
  );
}

function AliceAndBob({ locale }: Args) {
  const ready = useWorld(async (world) => {
    const alice = world.server.login('alice');
    const bob = world.server.login('bob');
    for (let index = 0; index < 40; index++) {
      await world.send(index % 3 === 0 ? bob : alice, {
        conversationId: index % 3 === 0 ? 'bob|1|alice' : 'alice|1|bob',
        text: `${index + 1}: ${LINES[index % LINES.length]}`,
      });
    }
    return {
      world,
      alice,
      bob,
      aliceEngine: world.engineFor(alice),
      bobEngine: world.engineFor(bob),
    };
  });
  if (!ready) return null;
  const { world, alice, bob, aliceEngine, bobEngine } = ready;
  return (
    <div style={{ display: 'flex', gap: 16, alignItems: 'start' }}>
      <DeviceList
        world={world}
        client={alice}
        conversationId="alice|1|bob"
        engine={aliceEngine}
        locale={locale}
      />
      <div>
        <DeviceList
          world={world}
          client={bob}
          conversationId="bob|1|alice"
          engine={bobEngine}
          locale={locale}
        />
        <button
          type="button"
          onClick={() =>
            void world.send(alice, {
              conversationId: 'alice|1|bob',
              text: `new at ${new Date().toLocaleTimeString()}`,
            })
          }
        >
          Alice sends
        </button>
      </div>
    </div>
  );
}

/**
 * Alice (left) and Bob (right). Bob's list marks what he really sees as read, so Alice's ticks turn to
 * "Read" as Bob scrolls. Scroll Bob up and press "Alice sends": the new-messages pill appears.
 */
export const Chat = { render: (args: Args) => <AliceAndBob {...args} /> };
