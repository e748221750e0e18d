/**
 * `ReadBy` laid out in Chromium: its avatars' size, and a long account id inside a narrow bubble.
 */
import { waitFor } from '@testing-library/dom';
import { afterEach, expect, it } from 'vitest';
import '../styles.css';
import { ReadBy } from './ReadBy';
import {
  cleanupApps,
  createWorld,
  Providers,
  renderApp,
  teamWithMessage,
  type World,
} from './testWorld.test';

let world: World;
afterEach(() => {
  document.documentElement.style.fontSize = '';
  cleanupApps();
  world?.dispose();
});

/** Alice's message to a team of three whose members, named by `names`, have all read it. */
async function readByAll(names: Record<string, string>, width: number) {
  world = createWorld();
  const memberIds = Object.keys(names);
  const { alice, message } = await teamWithMessage(world, {
    teamId: 't1',
    readers: memberIds.length,
    memberIds,
  });
  const { container } = renderApp(
    <Providers engine={world.engineFor(alice)} names={names}>
      <div style={{ width, fontSize: 16 }}>
        <ReadBy message={message} />
      </div>
    </Providers>,
  );
  const line = await waitFor(() => {
    const found = container.querySelector<HTMLElement>('.readmark-read-by');
    expect(found).not.toBeNull();
    return found!;
  });
  return { line, frame: container.firstElementChild as HTMLElement };
}

it('draws avatars 1.25 times its text, one beside the next', async () => {
  const { line } = await readByAll({ bob: 'Bob', carol: 'Carol' }, 400);
  const fontSize = Number.parseFloat(getComputedStyle(line).fontSize);
  const avatars = [...line.querySelectorAll<HTMLElement>('.readmark-avatar')];
  expect(avatars).toHaveLength(2);
  for (const avatar of avatars) {
    const box = avatar.getBoundingClientRect();
    expect(box.width).toBeCloseTo(fontSize * 1.25, 0);
    expect(box.height).toBeCloseTo(fontSize * 1.25, 0);
  }
  const [first, second] = avatars.map((avatar) => avatar.getBoundingClientRect());
  expect(second!.left).toBeGreaterThanOrEqual(first!.right);
});

it('wraps a long account id inside its box instead of pushing the line past it', async () => {
  const id = 'member_without_a_name_0123456789_abcdefghijklmnopqrstuvwxyz_0123456789';
  const { line, frame } = await readByAll({ [id]: id }, 200);
  const text = line.querySelector<HTMLElement>('.readmark-read-by-text')!;
  expect(text.textContent).toContain(id);
  expect(line.getBoundingClientRect().right).toBeLessThanOrEqual(
    frame.getBoundingClientRect().right,
  );
  expect(text.getBoundingClientRect().right).toBeLessThanOrEqual(
    frame.getBoundingClientRect().right,
  );
  // The avatars keep their place and size beside the wrapped sentence.
  const avatar = line.querySelector<HTMLElement>('.readmark-avatar')!.getBoundingClientRect();
  expect(avatar.left).toBeGreaterThanOrEqual(frame.getBoundingClientRect().left);
  expect(avatar.width).toBeGreaterThan(10);
});

it('with text at 200% in a phone’s bubble, puts the sentence under the avatars instead of a word per line beside them', async () => {
  const names = { m114: 'Member 114', m004: 'Member 004', m075: 'Member 075', m141: 'Member 141' };
  document.documentElement.style.fontSize = '32px';
  const { line, frame } = await readByAll(names, 250);
  const text = line.querySelector<HTMLElement>('.readmark-read-by-text')!;
  const frameBox = frame.getBoundingClientRect();
  // Squeezed beside three avatars it took about half the width, eight lines of one word each.
  expect(text.getBoundingClientRect().width).toBeGreaterThanOrEqual(frameBox.width * 0.9);
  const avatars = line.querySelector<HTMLElement>('.readmark-read-by-avatars')!;
  expect(text.getBoundingClientRect().top).toBeGreaterThanOrEqual(
    avatars.getBoundingClientRect().bottom - 0.5,
  );
  expect(line.getBoundingClientRect().right).toBeLessThanOrEqual(frameBox.right);
});

it('keeps the sentence beside the avatars where there is room', async () => {
  const { line } = await readByAll({ bob: 'Bob', carol: 'Carol', dave: 'Dave' }, 400);
  const text = line.querySelector<HTMLElement>('.readmark-read-by-text')!.getBoundingClientRect();
  const avatars = line
    .querySelector<HTMLElement>('.readmark-read-by-avatars')!
    .getBoundingClientRect();
  expect(text.left).toBeGreaterThanOrEqual(avatars.right);
  expect(text.top).toBeLessThan(avatars.bottom);
});

it('keeps a short sentence beside its avatar in a bubble sized to its content', async () => {
  world = createWorld();
  const { alice, message } = await teamWithMessage(world, {
    teamId: 't1',
    readers: 1,
    memberIds: ['bob', 'carol'],
  });
  const { container } = renderApp(
    <Providers engine={world.engineFor(alice)} names={{ bob: 'Bob', carol: 'Carol' }}>
      <div style={{ display: 'flex' }}>
        <div style={{ maxWidth: '80%' }}>
          Hi
          <ReadBy message={message} />
        </div>
      </div>
    </Providers>,
  );
  const line = await waitFor(() => {
    const found = container.querySelector<HTMLElement>('.readmark-read-by');
    expect(found).not.toBeNull();
    return found!;
  });
  const text = line.querySelector('.readmark-read-by-text')!.getBoundingClientRect();
  const avatars = line.querySelector('.readmark-read-by-avatars')!.getBoundingClientRect();
  // Under it, the line took two rows for "Read by Bob".
  expect(text.left).toBeGreaterThanOrEqual(avatars.right);
  expect(text.top).toBeLessThan(avatars.bottom);
});
