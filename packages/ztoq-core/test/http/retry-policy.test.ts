import { describe, expect, it } from 'vitest';
import { ATTEMPT_TIMEOUT_CODE } from '../../src/http/network-failure.js';
import {
  type BackoffSettings,
  backoffDelayMs,
  isIdempotentMethod,
  isRetryable,
  retryDelayMs,
} from '../../src/http/retry-policy.js';
import { fixedRandom } from './support/recorders.js';

const settings: BackoffSettings = {
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  retryAfterFloorMs: 1_000,
  retryAfterCapMs: 120_000,
};

describe('backoffDelayMs', () => {
  it('doubles from the base delay and stops at the cap', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((retry) =>
      backoffDelayMs(retry, settings, fixedRandom(1)),
    );
    expect(delays).toEqual([500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('never exceeds the cap even for absurd retry numbers', () => {
    expect(backoffDelayMs(10_000, settings, fixedRandom(1))).toBe(30_000);
  });

  it('spreads delays over [0, ceiling] with the injected randomness', () => {
    expect(backoffDelayMs(3, settings, fixedRandom(0))).toBe(0);
    expect(backoffDelayMs(3, settings, fixedRandom(0.25))).toBe(500);
    let seed = 7;
    const seeded = () => {
      seed = (seed * 48_271) % 2_147_483_647;
      return seed / 2_147_483_647;
    };
    for (let retry = 1; retry <= 12; retry++) {
      const ceiling = Math.min(30_000, 500 * 2 ** (retry - 1));
      for (let sample = 0; sample < 50; sample++) {
        const delay = backoffDelayMs(retry, settings, seeded);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(ceiling);
      }
    }
  });

  it('keeps a misbehaving random source inside the bounds', () => {
    expect(backoffDelayMs(2, settings, fixedRandom(7))).toBe(1_000);
    expect(backoffDelayMs(2, settings, fixedRandom(-1))).toBe(0);
  });
});

describe('retryDelayMs', () => {
  it('uses Retry-After instead of the computed backoff', () => {
    expect(retryDelayMs(1, 7_000, settings, fixedRandom(1))).toBe(7_000);
  });

  it('raises a Retry-After below the floor to the floor', () => {
    expect(retryDelayMs(1, 0, settings, fixedRandom(1))).toBe(1_000);
  });

  it('lowers a Retry-After above the cap to the cap', () => {
    expect(retryDelayMs(1, 3_600_000, settings, fixedRandom(1))).toBe(120_000);
  });

  it('falls back to backoff without a Retry-After', () => {
    expect(retryDelayMs(2, undefined, settings, fixedRandom(1))).toBe(1_000);
  });
});

describe('isRetryable', () => {
  const response = (status: number) => ({ kind: 'response', status }) as const;
  const network = (code: string) => ({ kind: 'network', code }) as const;

  it('retries transient statuses for idempotent requests only where safe', () => {
    for (const status of [429, 500, 502, 503, 504]) expect(isRetryable(response(status), true)).toBe(true);
    for (const status of [200, 400, 401, 404, 409]) expect(isRetryable(response(status), true)).toBe(false);
  });

  it('retries a non-idempotent request only on 429', () => {
    expect(isRetryable(response(429), false)).toBe(true);
    for (const status of [500, 502, 503, 504]) expect(isRetryable(response(status), false)).toBe(false);
  });

  it('retries socket failures for idempotent requests', () => {
    for (const code of [
      'ECONNRESET',
      'UND_ERR_SOCKET',
      'EPIPE',
      'ECONNREFUSED',
      'ETIMEDOUT',
      ATTEMPT_TIMEOUT_CODE,
    ]) {
      expect(isRetryable(network(code), true)).toBe(true);
    }
    expect(isRetryable(network('ENOTFOUND'), true)).toBe(false);
    expect(isRetryable(network('TypeError'), true)).toBe(false);
  });

  it('retries a non-idempotent request only when the connection was never made', () => {
    expect(isRetryable(network('ECONNREFUSED'), false)).toBe(true);
    for (const code of ['ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE', 'ETIMEDOUT', ATTEMPT_TIMEOUT_CODE]) {
      expect(isRetryable(network(code), false)).toBe(false);
    }
  });
});

describe('isIdempotentMethod', () => {
  it('follows RFC 9110', () => {
    for (const method of ['GET', 'head', 'PUT', 'DELETE', 'OPTIONS'])
      expect(isIdempotentMethod(method)).toBe(true);
    for (const method of ['POST', 'PATCH']) expect(isIdempotentMethod(method)).toBe(false);
  });
});
