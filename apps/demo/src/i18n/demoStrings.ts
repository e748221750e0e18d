/** The demo's languages; the kit's components use the same codes (`ReceiptProvider` `locale`). */
export type DemoLocale = 'en' | 'zh-CN';

/** Every string of the demo's own chrome (the kit's components bring their own). */
export interface DemoStrings {
  title: string;
  subtitle: string;
  language: string;
  tabs: string;
  tabP2P: string;
  tabTeam: string;
  deviceLaptop: string;
  devicePhone: string;
  /** Region name of a device pane, e.g. "Bob · laptop". */
  paneTitle: (options: { name: string; device?: string }) => string;
  chatWith: (name: string) => string;
  messageLabel: (name: string) => string;
  messagePlaceholder: string;
  send: string;
  sendMany: (count: number) => string;
  /** Text of the burst's messages when the message box is empty; each gets " #1", " #2"… */
  burstMessage: string;
  offline: string;
  offlineHint: string;
  emptyChat: string;
  /** Name of a pane's message list, from the pane's title: "Messages on Bob · phone". */
  messageList: (paneTitle: string) => string;
  /** Name of the conversation list above a one-to-one chat. */
  chats: string;
  /** Last-message preview of one's own message, e.g. "You: Hello". */
  ownPreview: (text: string) => string;
  /** Who sent an own message, said to screen readers at the start of its bubble (not shown). */
  you: string;
  /** Last-message preview once the last message was recalled; `name` is who recalled it, if not me. */
  recalledPreview: (name?: string) => string;
  /**
   * Visible text of the recall action on an own message, and its accessible name, which names the
   * message (a screen reader's list of buttons otherwise reads "Recall message" fifteen times).
   */
  recall: string;
  /** `excerpt` is the message cut short (`messageExcerpt`), never a whole long message. */
  recallLabel: (excerpt: string) => string;
  /** Shown on an own message that could not be sent (offline, or refused by the server). */
  notSent: string;
  /** Visible text of the action that sends a failed message again. */
  retry: string;
  /** Its accessible name, which names the message as Recall's does. */
  retryLabel: (excerpt: string) => string;
  /** Said politely (a live region of the pane) when one of this device's sends fails. */
  notSentAnnouncement: (excerpt: string) => string;
  /** Said instead when several sends failed together (a burst cut off by going offline). */
  notSentCountAnnouncement: (count: number) => string;
  /** Under the composer while the device is offline: why Send is disabled. */
  offlineCannotSend: string;
  requestReceipts: string;
  teamTitle: (options: { name: string; memberCount: number }) => string;
  teamName: string;
  teamHint: string;
  simulation: string;
  callsTitle: string;
  callsHint: string;
  /** Caption of the call table (visually hidden: the panel's heading says it to sighted users). */
  callsCaption: string;
  callsMethod: string;
  callsCount: (options: { calls: number; items: number }) => string;
  callsReset: string;
  member: (index: string) => string;
  /** The chat pane's button that leaves the chat, as going back to a conversation list does. */
  closeChat: string;
  /** Its button once left: the chat opens again at the first message unread meanwhile. */
  openChat: string;
  /** In place of a left chat. */
  chatClosed: string;
}

/** English. */
export const demoEn: DemoStrings = {
  title: 'Readmark demo',
  subtitle: 'NIM read receipts on an in-browser memory server: every pane is a separate device.',
  language: 'Language',
  tabs: 'Conversations',
  tabP2P: 'One-to-one',
  tabTeam: 'Team',
  deviceLaptop: 'laptop',
  devicePhone: 'phone',
  paneTitle: ({ name, device }) => (device ? `${name} · ${device}` : name),
  chatWith: (name) => `Chat with ${name}`,
  messageLabel: (name) => `Message to ${name}`,
  messagePlaceholder: 'Type a message',
  send: 'Send',
  sendMany: (count) => `Send ${count} messages`,
  burstMessage: 'Burst message',
  offline: 'Offline',
  offlineHint: 'Offline: receipts for this device wait on the server until it reconnects.',
  emptyChat: 'No messages yet',
  messageList: (paneTitle) => `Messages on ${paneTitle}`,
  chats: 'Chats',
  ownPreview: (text) => `You: ${text}`,
  you: 'You',
  recalledPreview: (name) => (name ? `${name} recalled a message` : 'You recalled a message'),
  recall: 'Recall',
  recallLabel: (excerpt) => `Recall message: ${excerpt}`,
  notSent: 'Not sent',
  retry: 'Retry',
  retryLabel: (excerpt) => `Retry sending: ${excerpt}`,
  notSentAnnouncement: (excerpt) =>
    `Message not sent: ${excerpt}. Use Retry on the message to send it again.`,
  notSentCountAnnouncement: (count) =>
    `${count} messages not sent. Use Retry on each message to send it again.`,
  offlineCannotSend: 'Offline — messages can’t be sent',
  requestReceipts: 'Ask for read receipts',
  teamTitle: ({ name, memberCount }) => `${name} (${memberCount} members)`,
  teamName: 'Design team',
  teamHint:
    'Alice sends; Bob reads on his laptop, and the other members are simulated and read over a few seconds. Open a badge to see who has read.',
  simulation: 'Simulated members read',
  callsTitle: 'Transport calls',
  callsHint: 'Calls each device made to the server, with the messages they carried.',
  callsCaption: 'Transport calls by method and device',
  callsMethod: 'Method',
  callsCount: ({ calls, items }) =>
    items > 0 ? `${calls} (${items} ${items === 1 ? 'msg' : 'msgs'})` : `${calls}`,
  callsReset: 'Reset counts',
  member: (index) => `Member ${index}`,
  closeChat: 'Close chat',
  openChat: 'Open chat',
  chatClosed: 'Chat closed. Open it again to start at the first unread message.',
};

/** A letter or digit of a Latin-script (or other non-CJK) word. */
const latinEdge = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Nd}]/u;

/**
 * A name placed in running Chinese text: a space separates it from the Chinese only where its edge
 * is a Latin letter or a digit ("发给 Alice 的消息"), none beside Chinese or full-width punctuation
 * ("发给设计组（150人）的消息"). `edges` says which side has Chinese text next to it.
 */
function spaced(name: string, edges: 'both' | 'end' = 'both'): string {
  const start = edges === 'both' && latinEdge.test(name.slice(0, 1)) ? ' ' : '';
  const end = latinEdge.test(name.slice(-1)) ? ' ' : '';
  return `${start}${name}${end}`;
}

/**
 * Simplified Chinese. No spaces around numbers, as the kit writes them ("3人未读", "发送20条消息").
 */
export const demoZhCN: DemoStrings = {
  title: 'Readmark 演示',
  subtitle: '在浏览器内存服务器上运行的云信已读回执：每个窗格都是一台独立设备。',
  language: '语言',
  tabs: '会话',
  tabP2P: '单聊',
  tabTeam: '群聊',
  deviceLaptop: '笔记本',
  devicePhone: '手机',
  paneTitle: ({ name, device }) => (device ? `${name} · ${device}` : name),
  chatWith: (name) => `与${spaced(name)}的会话`,
  messageLabel: (name) => `发给${spaced(name)}的消息`,
  messagePlaceholder: '输入消息',
  send: '发送',
  sendMany: (count) => `发送${count}条消息`,
  burstMessage: '连发消息',
  offline: '离线',
  offlineHint: '离线：发给此设备的回执保存在服务器上，重新连接后送达。',
  emptyChat: '暂无消息',
  messageList: (paneTitle) => `消息列表（${paneTitle}）`,
  chats: '会话列表',
  ownPreview: (text) => `你：${text}`,
  you: '你',
  recalledPreview: (name) => (name ? `${spaced(name, 'end')}撤回了一条消息` : '你撤回了一条消息'),
  recall: '撤回',
  recallLabel: (excerpt) => `撤回消息：${excerpt}`,
  notSent: '未发送',
  retry: '重试',
  retryLabel: (excerpt) => `重试发送：${excerpt}`,
  notSentAnnouncement: (excerpt) => `消息未发送：${excerpt}。可点击该消息上的“重试”再次发送。`,
  notSentCountAnnouncement: (count) => `${count}条消息未发送。可点击各条消息上的“重试”再次发送。`,
  offlineCannotSend: '离线，无法发送消息',
  requestReceipts: '请求已读回执',
  teamTitle: ({ name, memberCount }) => `${name}（${memberCount}人）`,
  teamName: '设计组',
  teamHint:
    'Alice 发送消息；Bob 在笔记本上阅读，其他成员为模拟成员，会在几秒内阅读。点击角标查看谁已读。',
  simulation: '模拟成员阅读',
  callsTitle: '传输调用',
  callsHint: '每台设备向服务器发起的调用次数，以及其中携带的消息数。',
  callsCaption: '按方法和设备统计的传输调用',
  callsMethod: '方法',
  callsCount: ({ calls, items }) => (items > 0 ? `${calls}（${items}条）` : `${calls}`),
  callsReset: '清零',
  member: (index) => `成员${index}`,
  closeChat: '关闭会话',
  openChat: '打开会话',
  chatClosed: '会话已关闭。再次打开时从第一条未读消息开始。',
};

/** The strings for `locale`. */
export function getDemoStrings(locale: DemoLocale): DemoStrings {
  return locale === 'zh-CN' ? demoZhCN : demoEn;
}
