import { type ReactNode, useState } from 'react';
import type { BenchMessage } from './messages';

/**
 * Holds a list's messages in React state, as a chat app does, and renders `render(messages)`.
 * `onSetter` hands the state setter to the scenario, which replaces the messages after mounting
 * (older ones prepended, new ones arriving).
 */
export function MessagesInState({
  initial,
  onSetter,
  render,
}: {
  initial: BenchMessage[];
  onSetter: (set: (messages: BenchMessage[]) => void) => void;
  render: (messages: BenchMessage[]) => ReactNode;
}) {
  const [messages, setMessages] = useState(initial);
  onSetter(setMessages);
  return render(messages);
}
