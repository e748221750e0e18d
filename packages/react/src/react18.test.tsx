/**
 * The guard of the `react18`, `react18-dom` and `react18-browser` projects (vitest.config.ts), the
 * only projects that run it (no other project includes a plain `.test.tsx`). They alias react and
 * react-dom to React 18.3 to test the kit on React 18, which its peer range (>=18) allows; if an
 * alias or a package's own copy of React slipped back to React 19, they would pass without testing
 * React 18.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useId, useRef, useState, version } from 'react';
import { version as domVersion, flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { renderToString, version as serverVersion } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

const isDom = typeof document !== 'undefined';
const isJsdom = isDom && navigator.userAgent.includes('jsdom');

/** Hooks of React itself and of TanStack Virtual: a second copy of React would make them throw. */
function Probe() {
  const id = useId();
  const [count] = useState(2);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 20,
    initialRect: { width: 100, height: 100 },
  });
  return (
    <div ref={scrollRef} id={id} data-react={version}>
      {virtualizer.getVirtualItems().length} rows
    </div>
  );
}

describe('React 18 projects', () => {
  it('load React 18.3 for react, react-dom and react-dom/server', () => {
    expect(version).toMatch(/^18\.3\./);
    expect(domVersion).toMatch(/^18\.3\./);
    expect(serverVersion).toMatch(/^18\.3\./);
  });

  // In Node only: with a document TanStack Virtual uses useLayoutEffect, which React 18 warns about
  // on the server.
  it.runIf(!isDom)('render on the server with the same React in TanStack Virtual and JSX', () => {
    // React 18's useId gives ':R…:' (19 gives '«R…»' or '_R_…_'): this markup is React 18's.
    expect(renderToString(<Probe />)).toMatch(
      /^<div id=":R[^"]*:" data-react="18\.3\.\d+">2<!-- --> rows<\/div>$/,
    );
  });

  it.runIf(isDom)('render with react-dom/client, as the browser tests do', () => {
    const container = document.createElement('div');
    document.body.append(container);
    const root = createRoot(container);
    flushSync(() => root.render(<Probe />));
    expect(container.firstElementChild?.getAttribute('data-react')).toMatch(/^18\.3\./);
    expect(container.textContent).toMatch(/^\d rows$/); // jsdom has no layout: 0 rows there
    flushSync(() => root.unmount());
    container.remove();
  });

  it.runIf(isJsdom)('render with @testing-library/react, as the jsdom tests do', async () => {
    // Imported here: the browser tests never load it (see renderApp in
    // components/testWorld.test.tsx).
    const { render, cleanup } = await import('@testing-library/react');
    const view = render(<Probe />);
    expect(view.container.firstElementChild?.getAttribute('data-react')).toMatch(/^18\.3\./);
    expect(view.container.textContent).toMatch(/^\d rows$/);
    cleanup();
  });
});
