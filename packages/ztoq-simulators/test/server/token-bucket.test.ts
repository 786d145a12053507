import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../src/server/token-bucket.js';

describe('TokenBucket', () => {
  it('grants a burst up to capacity, then says how long to wait, and refills over time', () => {
    let now = 0;
    const bucket = new TokenBucket(3, 2, () => now);
    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([0, 0, 0]);
    expect(bucket.take()).toBe(500);
    now = 499;
    expect(bucket.take()).toBe(2);
    now = 500;
    expect(bucket.take()).toBe(0);
    now = 10_000;
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([0, 0, 0, 500]);
  });
});
