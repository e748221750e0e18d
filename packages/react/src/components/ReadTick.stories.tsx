import { MessageSendingState, type ReceiptEngine, type ReceiptMessage } from '@readmark/core';
import type { ReceiptLocale } from '../i18n/ReceiptStrings';
import { ReadTick } from './ReadTick';
import { Providers, useWorld } from './testWorld.test';

export default {
  title: 'Components/ReadTick',
  component: ReadTick,
  args: { locale: 'en' },
  argTypes: { locale: { control: 'inline-radio', options: ['en', 'zh-CN'] } },
};

type Args = { locale: ReceiptLocale };

function AllStates({ locale }: Args) {
  const ready = useWorld(async (world) => {
    const alice = world.server.login('alice');
    const bob = world.server.login('bob');
    const read = await world.send(alice, { conversationId: 'alice|1|bob', text: 'read' });
    const [copy] = await world.history(bob, 'bob|1|alice');
    await bob.V2NIMMessageService.sendP2PMessageReceipt(copy as never);
    const sent = await world.send(alice, { conversationId: 'alice|1|bob', text: 'sent' });
    const sending: ReceiptMessage = {
      ...sent,
      messageClientId: 'sending',
      messageServerId: '',
      sendingState: MessageSendingState.SENDING,
    };
    const failed: ReceiptMessage = {
      ...sending,
      messageClientId: 'failed',
      sendingState: MessageSendingState.FAILED,
    };
    return { engine: world.engineFor(alice), messages: [sending, sent, read, failed] };
  });
  if (!ready) return null;
  return <TickRows engine={ready.engine} locale={locale} messages={ready.messages} />;
}

function TickRows({
  engine,
  locale,
  messages,
}: Args & { engine: ReceiptEngine; messages: ReceiptMessage[] }) {
  return (
    <Providers engine={engine} locale={locale}>
      <ul style={{ listStyle: 'none', display: 'grid', gap: 8 }}>
        {messages.map((message) => (
          <li key={message.messageClientId}>
            <ReadTick message={message} /> {message.messageClientId}
          </li>
        ))}
      </ul>
    </Providers>
  );
}

/** Every status: sending, sent, read, failed. */
export const States = { render: (args: Args) => <AllStates {...args} /> };

function LiveTicks({ locale }: Args) {
  const ready = useWorld(async (world, onCleanup) => {
    const alice = world.server.login('alice');
    onCleanup(
      world.server.simulatePeerReader({ accountId: 'bob', minDelayMs: 800, maxDelayMs: 2500 }).stop,
    );
    const messages: ReceiptMessage[] = [];
    for (const text of ['one', 'two', 'three']) {
      messages.push(await world.send(alice, { conversationId: 'alice|1|bob', text }));
    }
    return { engine: world.engineFor(alice), messages };
  });
  if (!ready) return null;
  return <TickRows engine={ready.engine} locale={locale} messages={ready.messages} />;
}

/** A simulated Bob reads the messages after a second or two: the ticks turn to "Read". */
export const Live = { render: (args: Args) => <LiveTicks {...args} /> };
