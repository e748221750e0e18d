import type { P2PWatermarks } from './receiptState';

/**
 * P2P watermarks by conversation id, spread over {@link WATERMARK_BUCKETS} records by a hash of the
 * id (a hole is an empty record). An update copies the list and the records it writes to, not every
 * conversation: in one record, an account with 10,000 one-to-one chats copied all 10,000 for every
 * receipt, the peer's or its own read (6 ms each; 0.5 ms with 1,000). Records are never changed once
 * a state holds them, so every state stays a snapshot.
 */
export type WatermarkBuckets = readonly (Readonly<Record<string, P2PWatermarks>> | undefined)[];

/**
 * About 10 conversations per record at 10,000: records of a few keys copy in well under a microsecond,
 * while V8 keeps bigger ones as dictionaries, which copied at ~0.6 µs a key (64 records: 25 µs a
 * receipt at 10,000 chats, 6 µs now). The list of records is copied too (~1 µs).
 */
const WATERMARK_BUCKETS = 1024;

/** The record that holds `conversationId` (FNV-1a of its characters). */
export function bucketOf(conversationId: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < conversationId.length; index++) {
    hash = Math.imul(hash ^ conversationId.charCodeAt(index), 0x01000193);
  }
  return (hash >>> 0) % WATERMARK_BUCKETS;
}

/**
 * The watermarks of `conversationId`, or undefined for one never seen (an own property only: an id
 * named like an Object.prototype member is a conversation never seen, not a function).
 */
export function watermarksIn(
  buckets: WatermarkBuckets,
  conversationId: string,
): P2PWatermarks | undefined {
  const bucket = buckets[bucketOf(conversationId)];
  return bucket && Object.hasOwn(bucket, conversationId) ? bucket[conversationId] : undefined;
}
