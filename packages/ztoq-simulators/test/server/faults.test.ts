import { describe, expect, it } from 'vitest';
import { type FaultDecision, FaultInjector } from '../../src/server/faults.js';

function decisions(injector: FaultInjector, count: number, method = 'GET'): FaultDecision['kind'][] {
  return Array.from({ length: count }, () => injector.decide(method, 'token').kind);
}

describe('FaultInjector', () => {
  it('injects nothing when no fault is configured', () => {
    const injector = new FaultInjector();
    expect(new Set(decisions(injector, 200, 'POST'))).toEqual(new Set(['none']));
    expect(injector.latencyMs()).toBe(0);
  });

  it('gives the same sequence of faults for the same seed, and another for another seed', () => {
    const settings = { serverErrorRatio: 0.3, dropConnectionRatio: 0.1, lostResponseRatio: 0.2 };
    const first = decisions(new FaultInjector({ ...settings, seed: 7 }), 100, 'POST');
    expect(decisions(new FaultInjector({ ...settings, seed: 7 }), 100, 'POST')).toEqual(first);
    expect(decisions(new FaultInjector({ ...settings, seed: 8 }), 100, 'POST')).not.toEqual(first);
    expect(new Set(first)).toEqual(new Set(['none', 'server-error', 'drop-connection', 'lose-response']));
  });

  it('throttles a share of requests whatever their rate, and counts every fault it injects', () => {
    const injector = new FaultInjector({ rateLimitedRatio: 0.25, seed: 4 });
    const kinds = Array.from({ length: 400 }, () => injector.decide('GET', 'token'));
    const throttled = kinds.filter((decision) => decision.kind === 'rate-limited');
    expect(throttled.length).toBeGreaterThan(60);
    expect(throttled.length).toBeLessThan(140);
    expect(
      throttled.every((decision) => decision.kind === 'rate-limited' && decision.retryAfterSeconds === 1),
    ).toBe(true);
    expect(injector.counts()).toEqual({
      'rate-limited': throttled.length,
      'server-error': 0,
      'drop-connection': 0,
      'lose-response': 0,
    });
  });

  it('loses responses of writes only', () => {
    const injector = new FaultInjector({ lostResponseRatio: 1 });
    expect(new Set(decisions(injector, 20, 'GET'))).toEqual(new Set(['none']));
    expect(new Set(decisions(injector, 20, 'PUT'))).toEqual(new Set(['lose-response']));
  });

  it('answers 500, 502 and 503 at a server error ratio of 1', () => {
    const injector = new FaultInjector({ serverErrorRatio: 1, seed: 3 });
    const statuses = new Set(
      Array.from({ length: 60 }, () => {
        const decision = injector.decide('GET', 'token');
        return decision.kind === 'server-error' ? decision.status : 0;
      }),
    );
    expect(statuses).toEqual(new Set([500, 502, 503]));
  });

  it('rate-limits per credential with a Retry-After of at least one second', () => {
    const now = 0;
    const injector = new FaultInjector({ rateLimit: { capacity: 2, refillPerSecond: 0.25 } }, () => now);
    expect(injector.decide('GET', 'alice').kind).toBe('none');
    expect(injector.decide('GET', 'alice').kind).toBe('none');
    expect(injector.decide('GET', 'alice')).toEqual({ kind: 'rate-limited', retryAfterSeconds: 4 });
    expect(injector.decide('GET', 'bob').kind).toBe('none');
  });

  it('draws latency from the configured range', () => {
    const injector = new FaultInjector({ latencyMs: { min: 5, max: 10 } });
    for (let i = 0; i < 50; i++) {
      const latency = injector.latencyMs();
      expect(latency).toBeGreaterThanOrEqual(5);
      expect(latency).toBeLessThanOrEqual(10);
    }
    expect(new FaultInjector({ latencyMs: 12 }).latencyMs()).toBe(12);
  });
});
