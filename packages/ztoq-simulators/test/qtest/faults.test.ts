/** Each fault type of the shared server, seen through the qTest simulator. Ready tokens keep the login out of the way. */
import { afterEach, describe, expect, it } from 'vitest';
import {
  createQTestSimulator,
  type QTestSimulator,
  type QTestSimulatorOptions,
} from '../../src/qtest/index.js';
import type { FaultSettings } from '../../src/server/faults.js';
import { P, PROJECT, QTestTestClient } from './support.js';

const running: QTestSimulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((sim) => sim.close()));
});

async function faulty(faults: FaultSettings, options: QTestSimulatorOptions = {}) {
  const sim = createQTestSimulator({ tokens: ['ready'], faults, ...options });
  running.push(sim);
  const api = new QTestTestClient(await sim.listen(), 'bearer ready');
  return { sim, api, modules: () => [...(sim.store.project(PROJECT)?.modules.values() ?? [])] };
}

describe('faults of the qTest simulator', () => {
  it('answers 429 with Retry-After once the rate limit is spent', async () => {
    const { api } = await faulty({ rateLimit: { capacity: 2, refillPerSecond: 0.1 } });

    const statuses = [];
    for (let index = 0; index < 3; index++) statuses.push(await api.get(P));
    const limited = statuses[2];

    expect(statuses.map((exchange) => exchange.status)).toEqual([200, 200, 429]);
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited?.body).toEqual({ message: 'Rate limit exceeded' });
  });

  it('answers the configured share with 5xx without processing, repeatably for a seed', async () => {
    const statusesFor = async () => {
      const { api, modules } = await faulty({ seed: 7, serverErrorRatio: 0.5 });
      const statuses: number[] = [];
      for (let index = 0; index < 20; index++)
        statuses.push((await api.post(`${P}/modules`, { name: `M${index}` })).status);
      return { statuses, stored: modules().length };
    };

    const first = await statusesFor();
    const second = await statusesFor();

    expect(first.statuses).toEqual(second.statuses);
    const failed = first.statuses.filter((status) => status >= 500);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.length).toBeLessThan(20);
    expect(failed.every((status) => [500, 502, 503].includes(status))).toBe(true);
    expect(first.stored).toBe(20 - failed.length);
  });

  it('drops the connection before processing: the request fails and nothing is stored', async () => {
    const { api, modules } = await faulty({ dropConnectionRatio: 1 });

    await expect(api.post(`${P}/modules`, { name: 'Never stored' })).rejects.toThrow();
    expect(modules()).toEqual([]);
  });

  it('loses the response of a create: the client sees a failure, but the module exists', async () => {
    const { api, modules, sim } = await faulty({ lostResponseRatio: 1 });

    await expect(api.post(`${P}/modules`, { name: 'Stored in the dark' })).rejects.toThrow();
    const reads = await api.get(`${P}/modules`);

    expect(modules().map((module) => module.name)).toEqual(['Stored in the dark']);
    // Reads are never lost, so a client can find what it created.
    expect(reads.status).toBe(200);
    expect(sim.requestCounts()['POST /api/v3/projects/{projectId}/modules']).toBe(1);
  });
});
