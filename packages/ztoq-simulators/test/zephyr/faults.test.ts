import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import type { FaultSettings } from '../../src/server/faults.js';
import { closeZephyrSimulators, type RunningZephyr, startZephyr } from './harness.js';

afterEach(closeZephyrSimulators);

/** What a client sees of one request: the status, or that the connection died. */
async function outcome(zephyr: RunningZephyr, path = '/priorities'): Promise<number | 'dropped'> {
  try {
    return (await zephyr.call(path)).status;
  } catch {
    return 'dropped';
  }
}

async function outcomes(faults: FaultSettings, count: number): Promise<(number | 'dropped')[]> {
  const zephyr = await startZephyr({ faults });
  const seen: (number | 'dropped')[] = [];
  for (let index = 0; index < count; index++) seen.push(await outcome(zephyr));
  return seen;
}

describe('Zephyr simulator faults', () => {
  it('answers 429 with Retry-After once a credential has used up its rate limit, per credential', async () => {
    const zephyr = await startZephyr({
      tokens: ['team-a', 'team-b'],
      faults: { rateLimit: { capacity: 2, refillPerSecond: 0.5 } },
    });
    const asTeamA = () => zephyr.call('/projects', { authorization: 'Bearer team-a' });
    expect((await asTeamA()).status).toBe(200);
    expect((await asTeamA()).status).toBe(200);
    const limited = await asTeamA();
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ errorCode: 429, message: 'Rate limit exceeded' });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await zephyr.call('/projects', { authorization: 'Bearer team-b' })).status).toBe(200);
  });

  it('answers 500, 502 and 503 in the spec error shape when every request fails, without processing it', async () => {
    const zephyr = await startZephyr({ faults: { seed: 3, serverErrorRatio: 1 } });
    const statuses = new Set<number>();
    for (let index = 0; index < 30; index++) {
      const answer = await zephyr.call('/testcycles', {
        method: 'POST',
        body: { projectKey: 'ZT', name: `Cycle ${index}` },
      });
      statuses.add(answer.status);
      expect(answer.body).toEqual({ errorCode: answer.status, message: 'Simulated server error' });
    }
    expect([...statuses].sort()).toEqual([500, 502, 503]);
    expect(zephyr.simulator.state().created.testCycles).toEqual([]);
  });

  it('drops the connection so that the request fails without an answer', async () => {
    const zephyr = await startZephyr({ faults: { dropConnectionRatio: 1 } });
    await expect(zephyr.call('/testcases/ZT-T1')).rejects.toThrow();
  });

  it('carries out a write whose answer is lost, so the entity exists though the client saw a failure', async () => {
    const zephyr = await startZephyr({ faults: { lostResponseRatio: 1 } });
    await expect(
      zephyr.call('/testcycles', { method: 'POST', body: { projectKey: 'ZT', name: 'Lost' } }),
    ).rejects.toThrow();
    // Reads are not writes: their answers arrive.
    expect(await zephyr.call('/testcycles/ZT-R3')).toMatchObject({ status: 200, body: { name: 'Lost' } });
    expect(zephyr.simulator.state().created.testCycles).toHaveLength(1);
  });

  it('delays answers by the configured latency', async () => {
    const zephyr = await startZephyr({ faults: { latencyMs: 200 } });
    const started = performance.now();
    expect((await zephyr.call('/healthcheck')).status).toBe(200);
    // A lower bound only (timers may fire a millisecond early against this clock): the delay must be there.
    expect(performance.now() - started).toBeGreaterThanOrEqual(195);
  });

  it('gives the same fault sequence for the same seed, and another for another seed', async () => {
    const faults = { serverErrorRatio: 0.3, dropConnectionRatio: 0.2 };
    const first = await outcomes({ ...faults, seed: 42 }, 40);
    const again = await outcomes({ ...faults, seed: 42 }, 40);
    const otherSeed = await outcomes({ ...faults, seed: 43 }, 40);
    expect(again).toEqual(first);
    expect(otherSeed).not.toEqual(first);
    // The sequence mixes answers, server errors and drops, so the comparisons above mean something.
    expect(first).toContain(200);
    expect(first).toContain('dropped');
    expect(first.some((seen) => seen === 500 || seen === 502 || seen === 503)).toBe(true);
  });
});
