import type { ReceiptEngine } from '@readmark/core';
import { createContext } from 'react';

/** The engine of the nearest `<ReceiptProvider>`; null outside one. */
export const ReceiptEngineContext = createContext<ReceiptEngine | null>(null);
ReceiptEngineContext.displayName = 'ReceiptEngineContext';
