import { type ReceiptEngine, ReceiptError } from '@readmark/core';
import { useContext } from 'react';
import { ReceiptEngineContext } from '../context/ReceiptEngineContext';

/**
 * The engine of the nearest `<ReceiptProvider>`: while nobody is logged in, a disposed one of no
 * account (`isDisposed` is true, every call a no-op). Throws (a programmer error, with the fix in the
 * message) when there is no provider.
 */
export function useReceiptEngine(): ReceiptEngine {
  return useProvidedEngine('useReceiptEngine');
}

/**
 * `useReceiptEngine` for the kit's own hooks and components: the error names `caller`, the hook or
 * component the app used, not this one it never called.
 */
export function useProvidedEngine(caller: string): ReceiptEngine {
  const engine = useContext(ReceiptEngineContext);
  if (!engine) {
    throw new ReceiptError(191001, `\`${caller}\` must be used inside \`<ReceiptProvider>\``);
  }
  return engine;
}
