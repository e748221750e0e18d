import { composeStory, type Meta } from '@storybook/react-vite';
import { describe, expect, it } from 'vitest';
import preview from '../../../.storybook/preview';
import * as conversationReadTick from './components/ConversationReadTick.stories';
import * as messageList from './components/MessageList.stories';
import * as readBy from './components/ReadBy.stories';
import * as readTick from './components/ReadTick.stories';
import * as receiptDetailSheet from './components/ReceiptDetailSheet.stories';
import * as unreadBadge from './components/UnreadBadge.stories';

/*
 * Each component's docs page shows its props once: one table with every prop's TSDoc, type and
 * default, and controls on those the stories let a reader change. The stories' `controls.include`
 * dropped the other props from the controls table, so the page drew a second, read-only table of
 * them all (`<ArgTypes />`) under it: every description twice.
 */

const storyFiles = {
  conversationReadTick,
  messageList,
  readBy,
  readTick,
  receiptDetailSheet,
  unreadBadge,
};

describe.each(Object.entries(storyFiles))('%s stories', (_, { default: meta, ...stories }) => {
  const editable: string[] = meta.parameters.controls.editable ?? [];
  // What docgen reads from the component, here for the editable props and two others: its message
  // (an object: Storybook would offer a JSON box) and a callback.
  const argTypes = Object.fromEntries(
    [
      ...editable.map((name) => [name, { type: { name: 'string' } }] as const),
      ['message', { type: { name: 'object', value: {} } }] as const,
      ['onSomething', { type: { name: 'function' } }] as const,
    ].map(([name, argType]) => [name, { name, ...argType }]),
  );
  const [firstName, first] = Object.entries(stories)[0]!;

  it(`keeps a row for every prop, with controls only on ${editable.join(', ')}`, () => {
    const story = composeStory(
      first as never,
      { ...meta, argTypes: { ...argTypes, ...(meta as Meta).argTypes } } as Meta,
      preview,
      firstName,
    );
    expect(Object.keys(story.argTypes)).toEqual(expect.arrayContaining(Object.keys(argTypes)));
    for (const name of Object.keys(argTypes)) {
      expect(Boolean(story.argTypes[name]?.control), name).toBe(editable.includes(name));
    }
  });
});
