import { hasMethods, isObject } from '../isObject';
import { ReceiptError } from '../ReceiptError';
import { isTime } from './numbers';
import type { ReceiptEngineOptions } from './ReceiptEngine';

const transportMethods = [
  'sendP2PMessageReceipt',
  'getP2PMessageReceipt',
  'sendTeamMessageReceipts',
  'getTeamMessageReceipts',
  'getTeamMessageReceiptDetail',
  'subscribe',
] as const;

function fail(reason: string): never {
  throw new ReceiptError(191004, `\`createReceiptEngine\`: ${reason}`);
}

/**
 * `options` read once into a plain copy, or a throw of 191004 naming the fix unless they can run an
 * engine: a transport with every `ReceiptTransport` method, a non-empty account, and well-typed
 * optional settings. Checked up front so a bad option fails at creation, not as a TypeError deep
 * inside a timer later; read once (its own fields, as a spread reads them, and each retry delay) so
 * that what was checked is what runs, whatever a getter answers the next time.
 */
export function readEngineOptions(options: unknown): ReceiptEngineOptions {
  try {
    return checkEngineOptions(options);
  } catch (error) {
    if (error instanceof ReceiptError) throw error;
    // Options whose fields cannot be read: a throwing getter, a revoked Proxy.
    fail('its options cannot be read');
  }
}

function checkEngineOptions(options: unknown): ReceiptEngineOptions {
  if (!isObject(options)) {
    fail('needs a `transport` and a non-empty `accountId`');
  }
  const o: Record<string, unknown> = { ...options };
  const transport = o.transport as Record<string, unknown> | null | undefined;
  if (!isObject(transport) || typeof o.accountId !== 'string' || o.accountId === '') {
    fail('needs a `transport` and a non-empty `accountId`');
  }
  const missing = transportMethods.filter((name) => typeof transport[name] !== 'function');
  if (missing.length > 0) fail(`the transport lacks ${missing.join(', ')}`);
  // Optional methods are called as `transport.x?.()`: present but not callable would be a TypeError.
  for (const name of [
    'getSelfReadTime',
    'getConnectionState',
    'subscribeConnectionState',
    'getLoginUser',
  ]) {
    if (transport[name] !== undefined && typeof transport[name] !== 'function') {
      fail(`the transport's \`${name}\` must be a function when present`);
    }
  }
  for (const name of ['flushDelayMs', 'loadDelayMs'] as const) {
    if (o[name] !== undefined && !isTime(o[name])) fail(`\`${name}\` must be a number >= 0`);
  }
  const kept = o.keptTeamReceipts;
  if (
    kept !== undefined &&
    !(typeof kept === 'number' && kept >= 0 && (Number.isInteger(kept) || kept === Infinity))
  ) {
    fail('`keptTeamReceipts` must be a whole number >= 0 (or Infinity)');
  }
  if (o.retry !== undefined) {
    const retry = o.retry as Record<string, unknown> | null;
    if (!isObject(retry)) fail('`retry` must be an object');
    // Only the delays given: one left undefined keeps its default.
    const delays: Record<string, unknown> = {};
    for (const name of ['baseDelayMs', 'maxDelayMs'] as const) {
      const delay = retry[name];
      if (delay === undefined) continue;
      if (!(isTime(delay) && delay > 0)) fail(`\`retry.${name}\` must be a number > 0`);
      delays[name] = delay;
    }
    o.retry = delays;
  }
  if (o.clock !== undefined && !hasMethods(o.clock, ['now', 'setTimeout', 'clearTimeout'])) {
    fail('`clock` needs now, setTimeout and clearTimeout');
  }
  for (const name of ['random', 'onError'] as const) {
    if (o[name] !== undefined && typeof o[name] !== 'function')
      fail(`\`${name}\` must be a function`);
  }
  if (o.isSendingReceipts !== undefined && typeof o.isSendingReceipts !== 'boolean') {
    fail('`isSendingReceipts` must be a boolean');
  }
  if (o.storage !== undefined && !hasMethods(o.storage, ['load', 'save'])) {
    fail('`storage` needs load and save (e.g. `localStorageOutbox()`)');
  }
  return o as unknown as ReceiptEngineOptions;
}
