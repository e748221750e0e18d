import type { Delay } from './FaultInjector';
import { platformTimers } from './platformTimers';

/**
 * Schedules every delivery and simulated round trip, and knows how many are in flight so `settle()`
 * can wait for all of them. A delay of 0 ms uses microtask hops only (fake timers need no
 * advancing); > 0 uses the platform `setTimeout`, looked up at call time (SSR-safe). Delays come from
 * `nextDelay` (the fault injector: a fixed latency, or a seeded random one).
 */
export class DeliveryQueue {
  private pending = 0;
  /** How many pieces of work ever began: `settle()` tells by it that a job started one. */
  private started = 0;
  private waiters: Array<() => void> = [];

  constructor(private readonly nextDelay: () => Delay) {}

  /**
   * Marks work in flight until the returned function is called (a client call counts from its start
   * to its answer, so `settle()` also waits for calls that listeners start during a delivery).
   */
  begin(): () => void {
    this.pending += 1;
    this.started += 1;
    let isDone = false;
    return () => {
      if (isDone) return;
      isDone = true;
      this.pending -= 1;
      if (this.pending === 0) {
        const waiters = this.waiters;
        this.waiters = [];
        for (const resolve of waiters) resolve();
      }
    };
  }

  /** Runs `task` after `delay` (by default the next simulated latency). */
  schedule(task: () => void, delay: Delay = this.nextDelay()): void {
    const end = this.begin();
    const run = () => {
      try {
        task();
      } finally {
        end();
      }
    };
    const timers = platformTimers();
    if (delay.delayMs > 0) {
      timers.setTimeout(run, delay.delayMs);
      return;
    }
    let hopsLeft = Math.max(1, delay.hops);
    const hop = () => {
      hopsLeft -= 1;
      if (hopsLeft > 0) timers.queueMicrotask(hop);
      else run();
    };
    timers.queueMicrotask(hop);
  }

  /** Resolves after one simulated network hop. */
  roundTrip(): Promise<void> {
    return new Promise((resolve) => this.schedule(resolve));
  }

  /**
   * Resolves once nothing is in flight, including work scheduled by listeners along the way, and
   * once five promise jobs in a row started nothing: continuations of the resolved round trips may
   * schedule more, and a caller's pending jobs may be about to make a call (the nim transport checks
   * the SDK's login sync a microtask before it reads the receipt cache). Looking at once, it found
   * nothing in flight and returned before such a call even started.
   */
  async settle(): Promise<void> {
    let idleJobs = 0;
    while (idleJobs < 5) {
      const started = this.started;
      if (this.pending > 0) {
        idleJobs = 0;
        await new Promise<void>((resolve) => this.waiters.push(resolve));
      } else {
        await Promise.resolve();
        idleJobs = this.started === started ? idleJobs + 1 : 0;
      }
    }
  }
}
