/** The status of an own message, as `useMessageReceipt` reports it. */
export type MessageReceiptStatus = 'sending' | 'sent' | 'read' | 'failed';
