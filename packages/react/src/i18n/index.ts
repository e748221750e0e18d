export { en } from './en';
export { formatNameList } from './formatNameList';
export type { ReceiptLocale, ReceiptStringOverrides, ReceiptStrings } from './ReceiptStrings';
export type { ReceiptStringsProviderProps } from './ReceiptStringsProvider';
export {
  ReceiptStringsProvider,
  useReceiptLanguage,
  useReceiptStrings,
} from './ReceiptStringsProvider';
export { zhCN } from './zhCN';
