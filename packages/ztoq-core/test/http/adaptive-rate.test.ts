import { describe, expect, it } from 'vitest';
import { AdaptiveRate, type RateTicket } from '../../src/http/adaptive-rate.js';

/** A clock the test moves by hand. */
function manualClock(start = 1_000_000) {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}

/**
 * Sends `count` attempts as a saturated client would: each waits for its slot (the clock moves
 * there), then the api accepts it. Returns the tickets.
 */
function saturate(rate: AdaptiveRate, clock: ReturnType<typeof manualClock>, count: number): RateTicket[] {
  const tickets: RateTicket[] = [];
  for (let i = 0; i < count; i++) {
    const ticket = rate.reserve();
    clock.advance(ticket.waitMs);
    rate.started(ticket);
    rate.onAccepted(ticket);
    tickets.push(ticket);
  }
  return tickets;
}

/** Starts one attempt the moment `reserve` allows, as the queue does; returns how long it waited. */
function startNext(rate: AdaptiveRate, clock: ReturnType<typeof manualClock>): number {
  const ticket = rate.reserve();
  clock.advance(ticket.waitMs);
  rate.started(ticket);
  return ticket.waitMs;
}

describe('pacing', () => {
  it('spaces starts evenly at the budget', () => {
    const clock = manualClock();
    const rate = new AdaptiveRate({ now: clock.now, initialRps: 10 });
    expect([startNext(rate, clock), startNext(rate, clock), startNext(rate, clock)]).toEqual([0, 100, 100]);
  });

  it('keeps to its schedule when a start is a little late, so event-loop lag costs no rate', () => {
    const clock = manualClock();
    const rate = new AdaptiveRate({ now: clock.now, initialRps: 10 });
    startNext(rate, clock);
    const late = rate.reserve();
    clock.advance(late.waitMs + 30); // the timer fired 30 ms late
    rate.started(late);
    expect(rate.reserve().waitMs).toBe(70);
  });

  it('lets a very late start push the schedule back, so starts never bunch up', () => {
    const clock = manualClock();
    const rate = new AdaptiveRate({ now: clock.now, initialRps: 10 });
    startNext(rate, clock);
    const late = rate.reserve();
    clock.advance(late.waitMs + 90); // 90 ms late: catching up fully would start the next 10 ms later
    rate.started(late);
    expect(rate.reserve().waitMs).toBe(50);
  });

  it('does not save up unused time as a burst', () => {
    const clock = manualClock();
    const rate = new AdaptiveRate({ now: clock.now, initialRps: 10 });
    startNext(rate, clock);
    clock.advance(5_000);
    expect([startNext(rate, clock), startNext(rate, clock)]).toEqual([0, 100]);
  });
});

describe('slow start', () => {
  it('adds one request per second for every saturated success', () => {
    const clock = manualClock();
    const rate = new AdaptiveRate({ now: clock.now, initialRps: 10 });
    saturate(rate, clock, 1); // the first start had nothing to wait for: no growth
    expect(rate.rps).toBe(10);
    saturate(rate, clock, 10);
    expect(rate.rps).toBe(20);
    expect(rate.snapshot()).toMatchObject({
      currentRps: 20,
      peakRps: 20,
      slowStart: true,
      decreases: 0,
      started: 11,
      held: 10,
    });
  });

  it('does not grow while the workers, not the budget, set the pace', () => {
    const clock = manualClock();
    const rate = new AdaptiveRate({ now: clock.now, initialRps: 10 });
    for (let i = 0; i < 50; i++) {
      const ticket = rate.reserve();
      expect(ticket.waitMs).toBe(0);
      rate.started(ticket);
      rate.onAccepted(ticket);
      clock.advance(200); // five a second against a budget of ten
    }
    expect(rate.rps).toBe(10);
  });
});

describe('multiplicative decrease', () => {
  it('cuts the budget to a share of what the api accepted in the last second, and ends slow start', () => {
    const clock = manualClock();
    const rate = new AdaptiveRate({ now: clock.now, initialRps: 40, decreaseFactor: 0.5 });
    // Forty accepted within the last second, budget grown far past that by slow start.
    saturate(rate, clock, 40);
    expect(rate.rps).toBeGreaterThan(70);
    const limited = rate.reserve();
    clock.advance(limited.waitMs);
    rate.started(limited);
    rate.onRateLimited(limited);
    expect(rate.rps).toBeCloseTo(20, 5);
    expect(rate.snapshot()).toMatchObject({ slowStart: false, decreases: 1 });
  });

  it('halves the budget itself when too few answers came in the last second to measure the limit', () => {
    const clock = manualClock();
    const rate = new AdaptiveRate({ now: clock.now, initialRps: 40, decreaseFactor: 0.5 });
    const first = rate.reserve();
    rate.onRateLimited(first);
    // At most the factor twice over: a budget of 40 with nothing accepted becomes 10, not 0.
    expect(rate.rps).toBe(10);
  });

  it('cuts once for the 429s of one burst', () => {
    const clock = manualClock();
    const rate = new AdaptiveRate({ now: clock.now, initialRps: 40, decreaseFactor: 0.5 });
    saturate(rate, clock, 40);
    const inFlight = [1, 2, 3].map(() => {
      const ticket = rate.reserve();
      clock.advance(ticket.waitMs);
      rate.started(ticket);
      return ticket;
    });
    for (const ticket of inFlight) rate.onRateLimited(ticket);
    expect(rate.snapshot().decreases).toBe(1);
    // One sent after the cut that meets the limit again cuts again.
    const later = rate.reserve();
    clock.advance(later.waitMs);
    rate.onRateLimited(later);
    expect(rate.snapshot().decreases).toBe(2);
  });

  it('never goes below the floor', () => {
    const clock = manualClock();
    const rate = new AdaptiveRate({ now: clock.now, initialRps: 4, minRps: 2, decreaseFactor: 0.5 });
    for (let i = 0; i < 5; i++) {
      const ticket = rate.reserve();
      clock.advance(ticket.waitMs);
      rate.started(ticket);
      rate.onRateLimited(ticket);
    }
    expect(rate.rps).toBe(2);
  });
});

describe('additive increase', () => {
  it('after a 429, gains increasePerSecond for each second of saturated use', () => {
    const clock = manualClock();
    const rate = new AdaptiveRate({
      now: clock.now,
      initialRps: 40,
      decreaseFactor: 0.5,
      increasePerSecond: 2,
    });
    saturate(rate, clock, 40);
    rate.onRateLimited(rate.reserve());
    expect(rate.rps).toBeCloseTo(20, 5);
    const start = clock.now();
    saturate(rate, clock, 105);
    // About five seconds at 20 to 30 requests a second: +2 a second, so 30, not the 40+ slow start would reach.
    const seconds = (clock.now() - start) / 1000;
    expect(seconds).toBeGreaterThan(4);
    expect(seconds).toBeLessThan(5);
    expect(rate.rps).toBeGreaterThan(20 + 2 * 4);
    expect(rate.rps).toBeLessThan(20 + 2 * 5.5);
    expect(rate.snapshot().slowStart).toBe(false);
  });
});

describe('hand-set ceiling', () => {
  it('starts at the ceiling when it is lower than the initial budget, and never grows past it', () => {
    const clock = manualClock();
    const rate = new AdaptiveRate({ now: clock.now, initialRps: 20, maxRps: 5 });
    expect(rate.rps).toBe(5);
    saturate(rate, clock, 100);
    expect(rate.rps).toBe(5);
    expect(rate.snapshot()).toMatchObject({ currentRps: 5, peakRps: 5, maxRps: 5 });
    // Still 200 ms apart after 100 saturated starts: the ceiling held for the whole run.
    expect(rate.reserve().waitMs).toBe(200);
  });

  it('refuses a ceiling that is not positive', () => {
    expect(() => new AdaptiveRate({ now: () => 0, maxRps: 0 })).toThrow(RangeError);
  });
});
