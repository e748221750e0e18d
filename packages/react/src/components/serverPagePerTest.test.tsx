/**
 * Support for the hydration tests (named `.test.tsx` so the library build skips it; it holds no
 * tests itself, and it registers vitest hooks).
 */
import { type ReactNode, version } from 'react';
import { flushSync } from 'react-dom';
import { hydrateRoot, type Root } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterEach } from 'vitest';
import { forgetConsoleCalls } from './consoleCallsPerTest.test';

/**
 * A page a "server" rendered, put in the document and hydrated, per test of the calling file: after
 * each test the root is unmounted and the page removed. `consoleCalls` is the file's
 * {@link consoleCallsPerTest} array.
 */
export function serverPagePerTest(consoleCalls: unknown[][]) {
  let root: Root | undefined;
  let container: HTMLElement | undefined;
  const unmount = () => {
    if (root) flushSync(() => root?.unmount());
    root = undefined;
  };
  afterEach(() => {
    unmount();
    container?.remove();
    container = undefined;
  });
  /** Puts server HTML in the document, as the page the server sent. */
  const serve = (html: string): HTMLElement => {
    container = document.createElement('div');
    container.innerHTML = html;
    document.body.append(container);
    return container;
  };
  return {
    serve,
    /** Renders `tree` to HTML as a server does, and serves it. */
    renderAndServe(tree: ReactNode): { html: string; container: HTMLElement } {
      const html = renderToString(tree);
      if (version.startsWith('18.')) {
        // React 18's server renderer warns about every layout effect it meets. A real server has no
        // document, where the kit's layout effects are plain effects and nothing warns (ssr.test.ts,
        // in Node); this "server" render runs in Chromium, which has one. So on React 18 (the
        // react18-browser project) that warning, from the server render only, is not a failure;
        // hydration must stay silent.
        forgetConsoleCalls(consoleCalls, (message) =>
          message.includes('useLayoutEffect does nothing on the server'),
        );
      }
      return { html, container: serve(html) };
    },
    /** Hydrates the served page with `tree` in one commit; the recoverable errors React reports. */
    hydrate(tree: ReactNode): unknown[] {
      const recoverable: unknown[] = [];
      flushSync(() => {
        root = hydrateRoot(container!, tree, {
          onRecoverableError: (error) => void recoverable.push(error),
        });
      });
      return recoverable;
    },
    unmount,
  };
}
