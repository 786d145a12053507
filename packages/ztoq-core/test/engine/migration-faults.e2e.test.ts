import { describe, expect, it } from 'vitest';
import { differencesAfterMigration, rigPerTest } from './support/migration-rig.js';

const rigs = rigPerTest();

describe('migration engine under faults', () => {
  it('ends in the same state under rate limits, 5xx, dropped connections and lost responses', async () => {
    const rig = await rigs.start({
      size: 'small',
      seed: 5,
      faults: {
        seed: 9,
        serverErrorRatio: 0.05,
        dropConnectionRatio: 0.03,
        lostResponseRatio: 0.05,
        rateLimitedRatio: 0.03,
      },
    });
    const failed = (counts: Record<string, { failed: number; skipped: number }>) =>
      Object.values(counts).reduce((sum, entry) => sum + entry.failed + entry.skipped, 0);
    let result = await rig.migrate();
    // A create whose outcome stayed unknown is resolved by the next run, never duplicated.
    for (let rerun = 0; rerun < 3 && (result.status === 'failed' || failed(result.load) > 0); rerun += 1) {
      result = await rig.migrate();
    }
    expect(result.error ?? 'no error').toBe('no error');
    expect(failed(result.load)).toBe(0);
    expect(result.validation['test-case']?.mismatched).toBe(0);
    // The faults happened: 429s with Retry-After, 5xx answers and broken connections.
    for (const simulator of [rig.simulators.zephyr, rig.simulators.qtest]) {
      const injected = simulator.server.faultCounts();
      expect(injected['rate-limited']).toBeGreaterThan(0);
      expect(injected['server-error']).toBeGreaterThan(0);
      expect(injected['drop-connection']).toBeGreaterThan(0);
    }
    expect(rig.simulators.qtest.server.faultCounts()['lose-response']).toBeGreaterThan(0);
    expect(differencesAfterMigration(rig)).toEqual([]);
  }, 600_000);
});
