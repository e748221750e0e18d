import { MessageSendingState } from '@readmark/core';
import { useEffect, useRef, useState } from 'react';
import type { DemoDevice } from './createDemoDevice';
import type { DemoMessage } from './createMessageStore';
import { useDemoStrings } from './i18n/DemoStringsContext';
import type { DemoLocale } from './i18n/demoStrings';
import { messageExcerpt } from './messageExcerpt';

/**
 * How long no new failure must arrive, once none of this device's sends is still on its way, before
 * the failures are said: the 20 sends of a burst cut off or refused fail one by one.
 */
export const NOT_SENT_SETTLE_MS = 500;

/** What was said, in the language it was said in. */
interface NotSent {
  count: number;
  /** The newest failed message's excerpt; said only when it failed alone. */
  excerpt: string;
  locale: DemoLocale;
}

/**
 * The text of a polite live region for this device's sends to the conversation that fail after it
 * is shown: once per burst, when the burst has settled ("Message not sent: …" for one, "20 messages
 * not sent…" for more), not once per message. `undefined` while there is nothing to say. The region
 * stays mounted, so its text changing is what a screen reader announces: it is emptied when a new
 * burst starts failing, so the same sentence again (a Retry refused again) is said again, and a
 * language switch empties it rather than translating it, which would say an old failure again.
 */
export function useNotSentAnnouncement(
  device: DemoDevice,
  messages: readonly DemoMessage[],
): string | undefined {
  const { locale, strings } = useDemoStrings();
  const [said, setSaid] = useState<NotSent>();
  const announcedIds = useRef<Set<string>>(null);
  const burst = useRef<DemoMessage[]>([]);
  const settleTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const localeRef = useRef(locale);
  useEffect(() => {
    localeRef.current = locale;
  }, [locale]);
  // Set during render (no commit of its own): the old failure is not news in the new language.
  if (said && said.locale !== locale) setSaid(undefined);

  useEffect(() => {
    const isHere = (message: DemoMessage) => device.messages.isSentHere(message);
    const isFailedHere = (message: DemoMessage) =>
      message.sendingState === MessageSendingState.FAILED && isHere(message);
    // Failures already on screen when the conversation is shown are not news.
    if (!announcedIds.current) {
      announcedIds.current = new Set(
        messages.filter(isFailedHere).map((message) => message.messageClientId),
      );
      return;
    }
    const isNewBurst = burst.current.length === 0;
    for (const message of messages) {
      if (!isFailedHere(message) || announcedIds.current.has(message.messageClientId)) continue;
      announcedIds.current.add(message.messageClientId);
      burst.current.push(message);
    }
    if (burst.current.length === 0) return;
    if (isNewBurst) setSaid(undefined);
    clearTimeout(settleTimer.current);
    // A send still on its way may fail too: it belongs to the same burst.
    const isSending = messages.some(
      (message) => message.sendingState === MessageSendingState.SENDING && isHere(message),
    );
    if (isSending) return;
    settleTimer.current = setTimeout(() => {
      const failed = burst.current;
      burst.current = [];
      setSaid({
        count: failed.length,
        excerpt: messageExcerpt(failed.at(-1)?.text),
        locale: localeRef.current,
      });
    }, NOT_SENT_SETTLE_MS);
  }, [device, messages]);
  useEffect(() => () => clearTimeout(settleTimer.current), []);

  if (!said || said.locale !== locale) return undefined;
  return said.count === 1
    ? strings.notSentAnnouncement(said.excerpt)
    : strings.notSentCountAnnouncement(said.count);
}
