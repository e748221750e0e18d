/**
 * Test harness (not part of the build): ONE nim-web-sdk-ng instance that logs out of one account and
 * into another, as an app with a single `nim` does on an account switch, made of the memory server's
 * real devices (one per account, only the current one logged in). As on the SDK, listeners added to
 * the instance stay through the switch and hear the current account's events; calls go out as the
 * current account; `getLoginUser()` answers the current account, "" once logged out.
 */
import type { MemoryClient, MemoryServer } from '@readmark/memory';

type ServiceName =
  | 'V2NIMMessageService'
  | 'V2NIMConversationService'
  | 'V2NIMLoginService'
  | 'V2NIMConversationIdUtil'
  | 'V2NIMMessageCreator';

type Listener = (...args: unknown[]) => void;
type Listening = Record<'on' | 'off', (event: string, listener: Listener) => void>;

/** What {@link createSwitchingInstance} returns. */
export interface SwitchingInstance {
  /** The instance, to pass to `createNimTransport`. */
  nim: MemoryClient;
  /**
   * Logs the instance out of its account (its events heard first, calls in flight rejected with
   * 192003 as on the SDK), then into `accountId`, with the SDK's login events.
   */
  switchTo(accountId: string): void;
  /** The device behind `accountId`, to read what the server holds for it. */
  deviceOf(accountId: string): MemoryClient;
}

/**
 * Makes the instance over `accountIds`, logged in as the first. Each other account's device is
 * created up front and logged out, so the instance's listeners are on it before its login.
 */
export function createSwitchingInstance(
  server: MemoryServer,
  accountIds: readonly string[],
): SwitchingInstance {
  const devices = new Map(accountIds.map((id) => [id, server.login(id)]));
  for (const [id, device] of devices) if (id !== accountIds[0]) device.logout();
  let current = devices.get(accountIds[0] as string) as MemoryClient;

  function deviceOf(accountId: string): MemoryClient {
    const device = devices.get(accountId);
    if (!device) throw new Error(`${accountId} is not one of the instance's accounts`);
    return device;
  }

  /** Per device and listener, the wrapper added to that device: it passes events while current. */
  const wrappers = new Map<MemoryClient, Map<Listener, Listener>>();
  function wrapperOf(device: MemoryClient, listener: Listener): Listener {
    const byListener = wrappers.get(device) ?? new Map<Listener, Listener>();
    wrappers.set(device, byListener);
    let wrapper = byListener.get(listener);
    if (!wrapper) {
      wrapper = (...args) => {
        if (current === device) listener(...args);
      };
      byListener.set(listener, wrapper);
    }
    return wrapper;
  }

  /**
   * The service `name` of whichever account is current at each use; `on`/`off` reach every device.
   * A method runs on the service current when it is called, not when it was read: the SDK has one
   * service object for every account, and createNimTransport keeps some methods it reads once
   * (`getLoginUser`, `getConversationReadTime`), which must answer for B once the instance is B's.
   */
  function forward(name: ServiceName): object {
    return new Proxy(
      {},
      {
        get(_target, property) {
          if (property === 'on' || property === 'off') {
            return (event: string, listener: Listener) => {
              for (const device of devices.values()) {
                (device[name] as unknown as Listening)[property](
                  event,
                  wrapperOf(device, listener),
                );
              }
            };
          }
          const serviceNow = () => current[name] as unknown as Record<PropertyKey, unknown>;
          const value = serviceNow()[property];
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            const service = serviceNow();
            return (service[property] as Listener).apply(service, args);
          };
        },
      },
    );
  }

  const nim = {
    get accountId() {
      return current.accountId;
    },
    get isOnline() {
      return current.isOnline;
    },
    V2NIMMessageService: forward('V2NIMMessageService'),
    V2NIMConversationService: forward('V2NIMConversationService'),
    V2NIMLoginService: forward('V2NIMLoginService'),
    V2NIMConversationIdUtil: forward('V2NIMConversationIdUtil'),
    V2NIMMessageCreator: forward('V2NIMMessageCreator'),
  } as unknown as MemoryClient;

  return {
    nim,
    switchTo(accountId) {
      const next = deviceOf(accountId);
      current.logout();
      current = next;
      next.login();
    },
    deviceOf,
  };
}
