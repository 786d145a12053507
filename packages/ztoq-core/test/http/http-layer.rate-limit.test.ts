import { createZephyrSimulator, DEFAULT_ZEPHYR_TOKEN, generateDataset } from '@ztoq/simulators';
import { describe, expect, it, onTestFinished } from 'vitest';
import { zephyrOperations } from '../../src/generated/zephyr-operations.js';
import { HttpLayer } from '../../src/http/http-layer.js';

/**
 * The layer against the simulator's token bucket, on the real clock. What is asserted are
 * counts (how many requests met a 429), never how long anything took: the speed against the
 * bucket is the `rate-limited` benchmark's to prove.
 */
describe('against a token bucket', () => {
  it('learns the limit: few of many requests fired by eight workers meet a 429', async () => {
    const dataset = generateDataset({ seed: 7, size: 'tiny' });
    const simulator = createZephyrSimulator({
      dataset,
      // Small and fast, so the test is short yet the bucket runs dry many times over.
      faults: { rateLimit: { capacity: 10, refillPerSecond: 50 } },
    });
    await simulator.listen();
    onTestFinished(() => simulator.close());
    const http = new HttpLayer();
    const zephyrFetch = http.api({
      api: 'zephyr',
      baseUrl: simulator.baseUrl,
      operations: zephyrOperations,
      concurrency: 8,
    });
    const key = dataset.testCases.at(0).key;
    const url = `${simulator.baseUrl}/testcases/${key}`;
    const total = 300;
    let next = 0;
    const worker = async () => {
      while (next < total) {
        next++;
        const response = await zephyrFetch(url, {
          headers: { authorization: `Bearer ${DEFAULT_ZEPHYR_TOKEN}` },
        });
        expect(response.status).toBe(200);
        await response.arrayBuffer();
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));

    const zephyr = http.stats().apis.zephyr!;
    const limited = zephyr.totals.responses['429'] ?? 0;
    expect(zephyr.totals.responses['200']).toBe(total);
    // The bucket really ran dry (eight workers on loopback ask far more than 50 a second), and the
    // budget came down because of it, so the low share below is the budget's doing.
    expect(simulator.server.faultCounts()['rate-limited']).toBe(limited);
    expect(limited).toBeGreaterThan(0);
    expect(zephyr.rate?.decreases).toBeGreaterThan(0);
    // Every 429 was retried, and counted apart from the retries of other causes (there are none here).
    expect(zephyr.totals.retries).toBe(limited);
    // Without a budget, each Retry-After pause would end in eight workers firing at once again.
    expect(limited / zephyr.totals.requests).toBeLessThan(0.05);
  }, 60_000);
});
