import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { concurrentMap } from '../../../src/adapters/zephyr-scale-cloud/concurrent-map.js';

describe('concurrentMap', () => {
  it('keeps the order of the items whatever order the work finishes in, with at most `limit` in flight', async () => {
    let running = 0;
    let most = 0;
    const results = await concurrentMap([30, 5, 20, 1, 10, 15], 3, async (ms, index) => {
      running++;
      most = Math.max(most, running);
      await delay(ms);
      running--;
      return `${index}:${ms}`;
    });

    expect(results).toEqual(['0:30', '1:5', '2:20', '3:1', '4:10', '5:15']);
    expect(most).toBe(3);
  });

  it('starts nothing after a failure and throws it once the running calls have settled', async () => {
    const started: number[] = [];
    const settled: number[] = [];
    const failure = new Error('item 1 failed');

    const mapped = concurrentMap([0, 1, 2, 3, 4], 2, async (item) => {
      started.push(item);
      await delay(item === 0 ? 20 : 1);
      settled.push(item);
      if (item === 1) throw failure;
      return item;
    });

    await expect(mapped).rejects.toBe(failure);
    expect(started).toEqual([0, 1]);
    expect(settled).toEqual([1, 0]);
  });

  it('maps nothing to nothing and refuses a limit below 1', async () => {
    expect(await concurrentMap([], 4, async () => 1)).toEqual([]);
    await expect(concurrentMap([1], 0, async () => 1)).rejects.toThrow(RangeError);
  });
});
