import {
  createReceiptEngine,
  type ReceiptEngine,
  type ReceiptEngineOptions,
  ReceiptError,
  type ReceiptTransport,
} from '@readmark/core';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { MemberResolverContext, type ResolveMember } from './context/MemberResolverContext';
import { ReceiptEngineContext } from './context/ReceiptEngineContext';
import { useClientLayoutEffect } from './hooks/useClientLayoutEffect';
import type { ReceiptLocale, ReceiptStringOverrides } from './i18n/ReceiptStrings';
import { ReceiptStringsProvider } from './i18n/ReceiptStringsProvider';

/** What {@link ReceiptProvider} takes whichever way it gets its engine. */
export interface ReceiptProviderCommonProps {
  /**
   * Settings of the engine the provider creates (e.g. `storage: localStorageOutbox()`, `onError`,
   * `clock`). Read when an engine is created, so a new object each render creates nothing new.
   */
  engineOptions?: ReceiptProviderEngineOptions | undefined;
  /**
   * Built-in strings: 'en' (default) or 'zh-CN'. Any language tag works (`navigator.language`):
   * Simplified Chinese tags in any case (`zh`, `zh-cn`, `zh_CN`, `zh-Hans`) pick 'zh-CN', the rest
   * English.
   */
  locale?: ReceiptLocale | (string & {}) | undefined;
  /** Overrides for any built-in string. */
  strings?: ReceiptStringOverrides | undefined;
  /** Names and avatars of members, for the detail sheet; unknown accounts show their id. */
  resolveMember?: ResolveMember | undefined;
  children?: ReactNode | undefined;
}

/** {@link ReceiptProvider} over an engine you own (you dispose it). */
export interface ReceiptProviderEngineProps extends ReceiptProviderCommonProps {
  /** An engine you own (you dispose it); undefined until you have one: children render signed out. */
  engine: ReceiptEngine | undefined;
  transport?: undefined;
  accountId?: undefined;
}

/** {@link ReceiptProvider} creating its own engine over `transport` for `accountId`. */
export interface ReceiptProviderTransportProps extends ReceiptProviderCommonProps {
  engine?: undefined;
  /**
   * With `accountId`: the provider creates its own engine and disposes it on unmount. `null` or
   * `undefined` until the SDK exists (it is created in the browser, after a server render): the
   * children render as for nobody logged in.
   */
  transport: ReceiptTransport | null | undefined;
  /**
   * The logged-in account. Always pass it with `transport`; empty (`''`, `null` or `undefined`)
   * while nobody is logged in (before login, after logout): the children still render, and no
   * receipt state shows (see {@link ReceiptProvider}).
   */
  accountId: string | null | undefined;
}

/**
 * Props of {@link ReceiptProvider}: an `engine`, or `transport` and `accountId`, never both (a
 * missing `accountId` or both an `engine` and a `transport` do not compile).
 */
export type ReceiptProviderProps = ReceiptProviderEngineProps | ReceiptProviderTransportProps;

/** What {@link ReceiptProviderProps.engineOptions} may set: everything but what the provider owns. */
export type ReceiptProviderEngineOptions = Omit<
  ReceiptEngineOptions,
  'transport' | 'accountId' | 'isStartDeferred'
>;

/** Created deferred: render may run twice or be thrown away, so nothing listens until committed. */
function createOwnedEngine(
  transport: ReceiptTransport,
  accountId: string,
  options: ReceiptProviderEngineOptions | undefined,
): ReceiptEngine {
  return createReceiptEngine({ ...options, transport, accountId, isStartDeferred: true });
}

/**
 * Disposes the provider's own engine when it is replaced or unmounted, after every child's cleanup,
 * so a child that marks what it showed as it leaves (logout, closing a chat) still reaches a live
 * engine, whose dispose then saves it. The provider always renders it, after its children: React
 * runs cleanups in child order, passive ones after all layout ones, so when the provider unmounts or
 * the engine changes, the children's come first. (Removed rather than changed, its cleanup would
 * run before its siblings'.)
 */
function DisposeLast({ engine }: { engine: ReceiptEngine | undefined }) {
  const rendered = useRef<ReceiptEngine>(undefined);
  useEffect(() => {
    rendered.current = engine;
    return () => {
      rendered.current = undefined;
      // A microtask later, unless rendered again meanwhile: StrictMode unmounts and remounts every
      // effect once in development, and disposing at its rehearsal made the provider create a second
      // engine, which asked every query again.
      void Promise.resolve().then(() => {
        if (rendered.current !== engine) engine?.dispose();
      });
    };
  }, [engine]);
  return null;
}

/**
 * What no account's id can be: NIM account ids are printable, so no message is sent by it and no
 * conversation id is its own.
 */
const NO_ACCOUNT = '\u0000';

/** A transport of no-op methods, for an engine that never starts (a plain object: not a thenable). */
function noTransport(): ReceiptTransport {
  const noop = () => {};
  return {
    sendP2PMessageReceipt: noop,
    getP2PMessageReceipt: noop,
    sendTeamMessageReceipts: noop,
    getTeamMessageReceipts: noop,
    getTeamMessageReceiptDetail: noop,
    subscribe: noop,
  } as unknown as ReceiptTransport;
}

/**
 * The engine children get while nobody is logged in: of no account, disposed before it ever
 * listened, so its store stays empty and every call is a no-op (after validating its input). A
 * logged-out app keeps rendering, and nothing of the previous account stays on screen.
 */
function createSignedOutEngine(transport: ReceiptTransport | undefined): ReceiptEngine {
  const engine = createReceiptEngine({
    // Without the app's transport yet, one whose every method is a no-op: the engine is disposed
    // before it could call any.
    transport: transport ?? noTransport(),
    accountId: NO_ACCOUNT,
    isStartDeferred: true,
  });
  engine.dispose();
  return engine;
}

/**
 * A new engine of the same account (a new transport, a StrictMode remount, an `<Activity>` shown
 * again) starts from what the old one knew, so its ticks do not drop back to "sent" or "loading" nor
 * its badges to "loading" until its own queries answer. The one-to-one watermarks only move forward,
 * `selfReadTime` only for receipts the server confirmed, and the new engine still queries both.
 * Team counts may have missed readers meanwhile (not synced, SPEC G11): the new engine, started with
 * them, takes them as stale and queries each again when shown.
 */
function inheritWatermarks(previous: ReceiptEngine, next: ReceiptEngine): void {
  const { conversations, peerReadTimeLoads, teamReceipts, trimmedTeams } =
    previous.store.getState();
  next.store.setState({ conversations, peerReadTimeLoads, teamReceipts, trimmedTeams });
}

function isOwnedBy(engine: ReceiptEngine, transport: unknown, accountId: unknown) {
  return !engine.isDisposed && engine.transport === transport && engine.accountId === accountId;
}

/**
 * Gives the hooks and components below it an engine, strings and a member resolver. With
 * `transport` + `accountId` it owns one engine per provider instance (no module singleton), creates
 * a new one when either changes and disposes it on unmount. With an empty `accountId` (nobody
 * logged in) or no `transport` yet (the SDK is created in the browser, after a server render)
 * children get an engine of no account: ticks and badges show nothing, hooks give empty views,
 * `markRead` does nothing and `useReceiptEngine().isDisposed` is true. Given neither an `engine` nor
 * an `accountId` prop at all (a JavaScript app that forgot it) it does the same, and says so once
 * with `console.error`.
 */
export function ReceiptProvider(props: ReceiptProviderProps) {
  const {
    engine: engineProp,
    transport,
    accountId,
    engineOptions,
    locale,
    strings,
    resolveMember,
    children,
  } = props;
  // Signed out is a state an app writes (`accountId={''}`, `engine={undefined}`); a prop left out
  // showed no tick and no error, as if receipts did not work.
  const isAccountMissing = !('engine' in props || 'accountId' in props);
  const hasWarnedRef = useRef(false);
  useEffect(() => {
    if (isAccountMissing && !hasWarnedRef.current) {
      hasWarnedRef.current = true;
      console.error(
        "`<ReceiptProvider>` has no `accountId` prop, so it shows no receipts: pass it with `transport` ('' while signed out), or pass an `engine`",
      );
    }
  }, [isAccountMissing]);
  const hasTransport = typeof transport === 'object' && transport !== null;
  const canOwn = !engineProp && hasTransport && !!accountId;
  const optionsRef = useRef(engineOptions);
  optionsRef.current = engineOptions;
  const [owned, setOwned] = useState<ReceiptEngine | undefined>(() =>
    canOwn ? createOwnedEngine(transport, accountId, optionsRef.current) : undefined,
  );

  // A layout effect starts it before children's effects use it.
  useClientLayoutEffect(() => {
    if (!canOwn) return;
    if (!owned || !isOwnedBy(owned, transport, accountId)) {
      // Remounted after a StrictMode cleanup, or a new transport/account: use a fresh engine.
      const next = createOwnedEngine(transport, accountId, optionsRef.current);
      if (owned?.accountId === accountId) inheritWatermarks(owned, next);
      setOwned(next);
      return;
    }
    owned.start();
  }, [canOwn, owned, transport, accountId]);

  // Children never get another account's engine: after a logout (the old engine is disposed below,
  // after their cleanups), and in the one commit before a newly logged-in account's engine exists,
  // they get a signed-out one.
  const isOwnAccount = canOwn && owned?.accountId === accountId;
  if (!engineProp && transport != null && !hasTransport) {
    throw new ReceiptError(191004, '`<ReceiptProvider>` needs an `engine` or a `transport` object');
  }
  const isSignedOut = !engineProp && !isOwnAccount;
  const signedOut = useMemo(
    () => (isSignedOut ? createSignedOutEngine(transport ?? undefined) : undefined),
    [isSignedOut, transport],
  );
  const engine = (engineProp ?? (isOwnAccount ? owned : signedOut)) as ReceiptEngine;
  return (
    <ReceiptEngineContext.Provider value={engine}>
      <MemberResolverContext.Provider value={resolveMember}>
        <ReceiptStringsProvider locale={locale} strings={strings}>
          {children}
        </ReceiptStringsProvider>
      </MemberResolverContext.Provider>
      <DisposeLast engine={canOwn ? owned : undefined} />
    </ReceiptEngineContext.Provider>
  );
}
