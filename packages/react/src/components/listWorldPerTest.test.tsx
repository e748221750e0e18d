/**
 * Support for the list browser tests (named `.test.tsx` so the library build skips it; it holds no
 * tests itself, and unlike testWorld.test.tsx it registers vitest hooks, so stories never import it).
 */
import { afterEach, beforeEach } from 'vitest';
import { page } from 'vitest/browser';
import { cleanupApps, createWorld, type World } from './testWorld.test';

/** Adds `css` to the page, for the calling file's lists (its class names are its own). */
export function addStyle(css: string) {
  const style = document.createElement('style');
  style.textContent = css;
  document.head.append(style);
}

/**
 * For a file whose tests make their own world: after each test, everything `renderApp` mounted
 * unmounted and the engines of the world `world()` gives (the last one made, if any) disposed; with
 * `isFocused`, the page focused before each (a list marks messages read only in a focused page).
 */
export function cleanupAfterEach(world: () => World | undefined, { isFocused = false } = {}) {
  if (isFocused) beforeEach(() => window.focus());
  afterEach(() => {
    cleanupApps();
    world()?.dispose();
  });
}

/**
 * Per test of the calling file: the page focused and a fresh world before, everything `renderApp`
 * mounted unmounted and the world's engines disposed after. With `listClass`, elements of that
 * class are 300 x 400 px, the size the list tests scroll in.
 */
export function listWorldPerTest(listClass?: string): World {
  if (listClass) addStyle(`.${listClass} { height: 300px; width: 400px; }`);
  const world = {} as World;
  beforeEach(() => {
    window.focus();
    Object.assign(world, createWorld());
  });
  afterEach(() => {
    cleanupApps();
    world.dispose();
  });
  return world;
}

/**
 * Each test of the file on a phone's screen (320 x 568 CSS px), the usual 1024 x 768 restored after
 * it, with a fresh world as {@link listWorldPerTest} gives.
 */
export function phoneWorldPerTest(): World {
  const world = listWorldPerTest();
  beforeEach(() => page.viewport(320, 568));
  afterEach(() => page.viewport(1024, 768));
  return world;
}
