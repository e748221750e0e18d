import { describe, expect, it } from 'vitest';
import { addStyle, cleanupAfterEach } from './listWorldPerTest.test';
import { MessageList } from './MessageList';
import { aliceHistory, cleanupApps, type createWorld, renderAliceApp } from './testWorld.test';

let world: ReturnType<typeof createWorld>;
cleanupAfterEach(() => world);

/**
 * Calls `run` counting how often the message scroller's scroll height is read: each read after a
 * write to the page lays it out again.
 */
function countingScrollHeightReads(run: () => void): number {
  const descriptor = Object.getOwnPropertyDescriptor(Element.prototype, 'scrollHeight')!;
  let reads = 0;
  Object.defineProperty(Element.prototype, 'scrollHeight', {
    configurable: true,
    get(this: Element) {
      if (this.classList.contains('readmark-message-scroller')) reads++;
      return descriptor.get!.call(this);
    },
  });
  try {
    run();
  } finally {
    Object.defineProperty(Element.prototype, 'scrollHeight', descriptor);
  }
  return reads;
}

/** Mounts a list `height` px tall; returns the rows it mounted and the scroller reads it made. */
function mountReads(height: number) {
  const messages = aliceHistory(200);
  let rows = 0;
  const reads = countingScrollHeightReads(() => {
    const list = renderAliceApp(
      () => (
        <div style={{ height, width: 400, display: 'flex' }}>
          <MessageList
            className="layout-list"
            conversationId="alice|1|bob"
            messages={messages}
            renderMessage={(message) => (
              <div style={{ height: 30 + (Number(message.messageClientId.slice(1)) % 3) * 20 }}>
                {message.messageClientId}
              </div>
            )}
          />
        </div>
      ),
      [],
    );
    world = list.world;
    rows = list.app.container.querySelectorAll('.readmark-message-row').length;
  });
  cleanupApps();
  world.dispose();
  return { rows, reads };
}

addStyle('.layout-list { flex: 1; }');

describe('MessageList mount', () => {
  it('measures the rows it mounts together: as many layout reads for twice the rows', () => {
    const short = mountReads(300);
    const tall = mountReads(600);
    expect(tall.rows).toBeGreaterThan(short.rows + 5);
    // Row by row, each measurement wrote the rows' positions and then read the scroller again: one
    // read, and one layout, per mounted row (13 and 19 here).
    expect(tall.reads).toBe(short.reads);
  });
});
