// --- i18n and components (components engineer) ---
export type {
  ReceiptLocale,
  ReceiptStrings,
  ReceiptStringsProviderProps,
} from './i18n';
export { en, ReceiptStringsProvider, useReceiptStrings, zhCN } from './i18n';
