import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cdp, userEvent } from 'vitest/browser';
import '../styles.css';
import { scrolledUpWithPill } from './scrolledUpWithPill.test';
import { cleanupApps, createWorld, nextFrame, type World } from './testWorld.test';

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
});
