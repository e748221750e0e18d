import type { ReceiptMessage } from '@readmark/core';

/** A chat message as the bench app holds it: NIM's receipt fields plus the text shown. */
export interface BenchMessage extends ReceiptMessage {
  text: string;
}

/** Who talks where: the logged-in account, its peer and the team of the team scenarios. */
export const SELF = 'alice';
export const PEER = 'bob';
export const TEAM_ID = 't1';
export const P2P_CONVERSATION = `${SELF}|1|${PEER}`;
export const TEAM_CONVERSATION = `${SELF}|2|${TEAM_ID}`;

const WORDS = 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor'.split(
  ' ',
);

/** Deterministic, well-spread 32-bit hash of an index (so every run builds the same messages). */
function hash(index: number): number {
  let value = (index ^ 0x9e3779b9) >>> 0;
  value = Math.imul(value ^ (value >>> 16), 0x85ebca6b) >>> 0;
  value = Math.imul(value ^ (value >>> 13), 0xc2b2ae35) >>> 0;
  return (value ^ (value >>> 16)) >>> 0;
}

/** 1 to ~60 words: rows from one line to several, so heights vary and estimates are wrong. */
function textOf(index: number): string {
  const seed = hash(index);
  const length = 1 + (seed % 7 === 0 ? 30 + (seed % 31) : seed % 12);
  const words: string[] = [];
  for (let word = 0; word < length; word++) words.push(WORDS[(seed + word * 7) % WORDS.length]!);
  return `#${index} ${words.join(' ')}`;
}

/** createTime of message `index`; indexes may be negative (older history is prepended below 0). */
export function timeOf(index: number): number {
  return 10_000_000 + index * 10;
}

/**
 * Messages with indexes `from` (inclusive) to `to` (exclusive), oldest first. Index -1 is always the
 * newest, so lists of 1,000 and 100,000 messages end with the same rows. Every `ownEvery`-th message
 * is mine (ticks or badges), the rest come from the peer or a team member.
 */
export function makeMessages({
  from,
  to,
  kind,
  ownEvery = 2,
}: {
  from: number;
  to: number;
  kind: 'p2p' | 'team';
  ownEvery?: number;
}): BenchMessage[] {
  const messages: BenchMessage[] = [];
  for (let index = from; index < to; index++) {
    const isOwn = ((index % ownEvery) + ownEvery) % ownEvery === 0;
    const senderId = isOwn ? SELF : kind === 'p2p' ? PEER : `u${hash(index) % 9}`;
    messages.push({
      messageClientId: `c${index}`,
      messageServerId: `s${index}`,
      createTime: timeOf(index),
      senderId,
      receiverId: kind === 'p2p' ? (isOwn ? PEER : SELF) : TEAM_ID,
      conversationType: kind === 'p2p' ? 1 : 2,
      conversationId: kind === 'p2p' ? P2P_CONVERSATION : TEAM_CONVERSATION,
      isSelf: isOwn,
      sendingState: 1,
      messageType: 0,
      messageConfig: { readReceiptEnabled: kind === 'team' },
      text: textOf(index),
    });
  }
  return messages;
}
