/**
 * A record of the state that can grow to thousands of keys (one-to-one watermarks by conversation,
 * team count loads by message), spread over {@link BUCKETS} small records by a hash of the key (a
 * hole is an empty one). An update copies the list and the records it writes to, not every key: in
 * one record, an account with 10,000 one-to-one chats copied all 10,000 for every receipt, the
 * peer's or its own read (6 ms each; 0.5 ms with 1,000), and a long group scrolled through copied
 * every count load it had kept for each batch of counts. Records are never changed once a state
 * holds them, so every state stays a snapshot.
 */
export type BucketedRecord<T> = readonly (Readonly<Record<string, T>> | undefined)[];

/**
 * About 10 keys per record at 10,000: records of a few keys copy in well under a microsecond,
 * while V8 keeps bigger ones as dictionaries, which copied at ~0.6 µs a key (64 records: 25 µs a
 * receipt at 10,000 chats, ~6 µs now). The list of records is copied too (~1 µs); two levels of 32
 * saved ~2 µs more for 57 B.
 */
const BUCKETS = 1024;

/** The record that holds `key` (FNV-1a of its characters). */
function bucketOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index++) {
    hash = Math.imul(hash ^ key.charCodeAt(index), 0x01000193);
  }
  return (hash >>> 0) % BUCKETS;
}

/**
 * The value of `key`, or undefined for one never set (an own property only: a key named like an
 * Object.prototype member is one never set, not a function).
 */
export function entryIn<T>(record: BucketedRecord<T>, key: string): T | undefined {
  const bucket = record[bucketOf(key)];
  return bucket && Object.hasOwn(bucket, key) ? bucket[key] : undefined;
}

/**
 * `record` with each `[key, value]` set (`undefined` removes one), copying the list and each record
 * written to once; `record` itself when no value changes.
 */
export function withEntries<T>(
  record: BucketedRecord<T>,
  entries: Iterable<readonly [key: string, value: T | undefined]>,
): BucketedRecord<T> {
  let next: (Record<string, T> | undefined)[] | undefined;
  const copied = new Set<number>();
  for (const [key, value] of entries) {
    if (entryIn(next ?? record, key) === value) continue;
    const index = bucketOf(key);
    next ??= record.slice();
    if (!copied.has(index)) {
      copied.add(index);
      next[index] = { ...next[index] };
    }
    if (value === undefined) delete next[index]![key];
    else next[index]![key] = value;
  }
  return next ?? record;
}
