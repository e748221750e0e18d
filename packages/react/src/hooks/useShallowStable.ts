import { useRef } from 'react';
import { shallowEqual } from './useStoreSelector';

/**
 * `value`, or the one of an earlier render while their own values are equal (one level deep), so
 * an object an app or a parent builds anew in every render (inline `strings`, NIM's new
 * `lastMessage` objects) keeps its identity, and what depends on it does not run again.
 */
export function useShallowStable<T>(value: T): T {
  const kept = useRef(value);
  if (!shallowEqual(kept.current, value)) kept.current = value;
  return kept.current;
}
