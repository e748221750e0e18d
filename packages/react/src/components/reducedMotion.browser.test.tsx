import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cdp, userEvent } from 'vitest/browser';
import '../styles.css';
import { MessageList } from './MessageList';
import { scrolledUpWithPill } from './scrolledUpWithPill.test';
import {
  aliceHistory,
  cleanupApps,
  createWorld,
  nextFrame,
  Providers,
  renderApp,
  type World,
} from './testWorld.test';

let world: World;
beforeEach(() => {
  window.focus();
});
afterEach(async () => {
  cleanupApps();
  world?.dispose();
  await emulateReducedMotion('no-preference');
});

/** Chromium's own media emulation, so `matchMedia` and the stylesheet's media query both see it. */
async function emulateReducedMotion(value: 'reduce' | 'no-preference') {
  await cdp().send('Emulation.setEmulatedMedia', {
    features: [{ name: 'prefers-reduced-motion', value }],
  });
}

/** What the pill animates in the frame after it appears (its fade-in), recorded from now on. */
function pillAnimationsOnAppearing(): string[] {
  const animated: string[] = [];
  const observer = new MutationObserver(() => {
    const pill = document.querySelector('.readmark-new-messages');
    if (!pill) return;
    observer.disconnect();
    requestAnimationFrame(() => {
      for (const animation of pill.getAnimations()) {
        animated.push((animation as CSSTransition).transitionProperty);
      }
    });
  });
  observer.observe(document.body, { childList: true, subtree: true });
  return animated;
}

const distanceFromEnd = (element: HTMLElement) =>
  element.scrollHeight - element.clientHeight - element.scrollTop;

describe('prefers-reduced-motion', () => {
  it('jumps to the newest message without animating when the user asks for reduced motion', async () => {
    await emulateReducedMotion('reduce');
    expect(matchMedia('(prefers-reduced-motion: reduce)').matches).toBe(true);
    world = createWorld();
    const animated = pillAnimationsOnAppearing();
    const { scroller, pill } = await scrolledUpWithPill(world);
    await nextFrame();
    // The pill just appears, without fading in.
    expect(animated).toEqual([]);
    expect(getComputedStyle(pill).opacity).toBe('1');

    await userEvent.click(pill);
    await nextFrame();
    await nextFrame();
    // An instant jump: already at the end two frames later (a smooth scroll would still be moving).
    expect(distanceFromEnd(scroller)).toBeLessThanOrEqual(8);
  });

  it('animates otherwise: the pill fades in as it appears', async () => {
    world = createWorld();
    const animated = pillAnimationsOnAppearing();
    await scrolledUpWithPill(world);
    await nextFrame();
    expect(animated).toEqual(['opacity']);
  });

  it('shows "Loading older messages…" without fading or spinning, and still not during its first 200 ms', async () => {
    await emulateReducedMotion('reduce');
    world = createWorld();
    const engine = world.engineFor(world.server.login('alice'));
    renderApp(
      <Providers engine={engine}>
        <MessageList
          conversationId="alice|1|bob"
          messages={aliceHistory(20)}
          renderMessage={(message) => <div style={{ height: 30 }}>{message.messageClientId}</div>}
          isLoadingOlder
        />
      </Providers>,
    );
    const indicator = document.querySelector<HTMLElement>('.readmark-loading-older')!;
    // A fast load is not seen: nothing shows before 200 ms.
    expect(getComputedStyle(indicator).opacity).toBe('0');
    await new Promise((resolve) => setTimeout(resolve, 260));
    await nextFrame();
    // Then it is there at once, and its spinner does not turn.
    expect(getComputedStyle(indicator).opacity).toBe('1');
    expect(getComputedStyle(indicator, '::before').animationName).toBe('none');
  });
});
