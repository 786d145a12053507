import { describe, expect, it } from 'vitest';
import { runStop } from '../../src/engine/run-stop.js';

describe('runStop', () => {
  it('stops at once on an interrupt, progress or not', () => {
    const interrupt = new AbortController();
    const stop = runStop({ interrupt: [interrupt.signal], budget: new AbortController().signal });
    interrupt.abort();
    expect(stop.signal.aborted).toBe(true);
  });

  it('holds a spent budget until the run stored a unit of work, then stops with its reason', () => {
    const budget = new AbortController();
    const reason = new Error('the time budget of 0.1 minutes is spent');
    budget.abort(reason);
    const stop = runStop({ interrupt: [], budget: budget.signal });
    expect(stop.signal.aborted).toBe(false);
    stop.progressed();
    expect(stop.signal.aborted).toBe(true);
    expect(stop.signal.reason).toBe(reason);
  });

  it('stops when the budget runs out after the run made progress', () => {
    const budget = new AbortController();
    const stop = runStop({ interrupt: [], budget: budget.signal });
    stop.progressed();
    expect(stop.signal.aborted).toBe(false);
    budget.abort();
    expect(stop.signal.aborted).toBe(true);
  });

  it('stops listening to the budget once disposed', () => {
    const budget = new AbortController();
    const stop = runStop({ interrupt: [], budget: budget.signal });
    stop.progressed();
    stop.dispose();
    budget.abort();
    expect(stop.signal.aborted).toBe(false);
  });
});
