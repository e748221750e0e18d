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

const distanceFromEnd = (element: HTMLElement) =>
  element.scrollHeight - element.clientHeight - element.scrollTop;

describe('prefers-reduced-motion', () => {
  it('jumps to the newest message without animating when the user asks for reduced motion', async () => {
    await emulateReducedMotion('reduce');
    expect(matchMedia('(prefers-reduced-motion: reduce)').matches).toBe(true);
    world = createWorld();
    const { scroller, pill } = await scrolledUpWithPill(world);
    expect(getComputedStyle(pill).transitionDuration).toBe('0s');

    await userEvent.click(pill);
    await nextFrame();
    await nextFrame();
    // An instant jump: already at the end two frames later (a smooth scroll would still be moving).
    expect(distanceFromEnd(scroller)).toBeLessThanOrEqual(8);
  });

  it('animates otherwise', async () => {
    world = createWorld();
    const { pill } = await scrolledUpWithPill(world);
    expect(getComputedStyle(pill).transitionDuration).toBe('0.15s');
  });
});
