/**
 * Support for the list's render-count browser tests: named `.test.tsx`, so the library build skips
 * it and no test project runs it as a file of its own (it holds no tests).
 */
import type { ReceiptMessage } from '@readmark/core';
import type { ReactNode } from 'react';
import { MessageRow } from './MessageRow';

type RowFunction = (props: { message: ReceiptMessage }) => ReactNode;

/** The records {@link recordRowRenders} pushes to (one per test file: each runs on its own page). */
const records: string[][] = [];

/**
 * From now on, the client id of each message whose row wrapper (the feed's article around the
 * app's content, which `renderMessage` calls count apart) renders, once per render, in order.
 * Call it before the list mounts. The wrapper is `memo` of a plain function that React takes from
 * the memo's `type` as each row mounts: a function there that records and calls it makes one
 * record per render, as the tests' counted components, which call the real one, do.
 */
export function recordRowRenders(): string[] {
  const memoRow = MessageRow as unknown as { type: RowFunction };
  if (records.length === 0) {
    const renderRow = memoRow.type;
    memoRow.type = function CountedMessageRow(props) {
      for (const record of records) record.push(props.message.messageClientId);
      return renderRow(props);
    };
  }
  const record: string[] = [];
  records.push(record);
  return record;
}
