import { afterEach, describe, expect, it } from 'vitest';
import { qtestOperations } from '../../src/generated/qtest-operations.js';
import { zephyrOperations } from '../../src/generated/zephyr-operations.js';
import { HttpLayer } from '../../src/http/http-layer.js';
import { recordingSleep } from './support/recorders.js';
import { type ScriptedServer, startScriptedServer } from './support/scripted-server.js';

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A clock that moves 10 ms every time it is read, so each sequential attempt measures exactly 10 ms. */
function steppingClock(): () => number {
  let time = Date.UTC(2025, 4, 1);
  return () => {
    time += 10;
    return time;
  };
}

describe('counters', () => {
  it('counts every attempt per endpoint template and totals them per api', async () => {
    const replies = new Map<string, number>();
    server = await startScriptedServer((request) => {
      const seen = replies.get(request.url) ?? 0;
      replies.set(request.url, seen + 1);
      if (request.url === '/v2/testcases/B-2' && seen === 0) return { status: 503 };
      if (request.url === '/v2/testcases/C-3' && seen === 0) return { destroySocket: true };
      if (request.url.startsWith('/v2/nowhere')) return { status: 404 };
      return { status: request.method === 'POST' ? 201 : 200 };
    });
    const origin = server.origin;
    const http = new HttpLayer({ sleep: recordingSleep().sleep, now: steppingClock() });
    const zephyrFetch = http.api({ api: 'zephyr', baseUrl: `${origin}/v2`, operations: zephyrOperations });
    http.api({ api: 'qtest', baseUrl: origin, operations: qtestOperations });

    for (const key of ['A-1', 'B-2', 'C-3']) await zephyrFetch(`${origin}/v2/testcases/${key}`);
    await zephyrFetch(`${origin}/v2/testcases`, { method: 'POST', body: '{}' });
    await zephyrFetch(`${origin}/v2/nowhere/PROJ-T9`);
    await http.onIdle();

    const stats = http.stats();
    expect(stats).toEqual({
      apis: {
        zephyr: {
          totals: {
            requests: 7,
            responses: { '200': 3, '201': 1, '404': 1, '503': 1 },
            retries: 2,
            networkErrors: { UND_ERR_SOCKET: 1 },
            aborted: 0,
            totalLatencyMs: 70,
            maxLatencyMs: 10,
          },
          endpoints: {
            'GET /testcases/{testCaseKey}': {
              requests: 5,
              responses: { '200': 3, '503': 1 },
              retries: 2,
              networkErrors: { UND_ERR_SOCKET: 1 },
              aborted: 0,
              totalLatencyMs: 50,
              maxLatencyMs: 10,
            },
            'POST /testcases': {
              requests: 1,
              responses: { '201': 1 },
              retries: 0,
              networkErrors: {},
              aborted: 0,
              totalLatencyMs: 10,
              maxLatencyMs: 10,
            },
            'GET (other)': {
              requests: 1,
              responses: { '404': 1 },
              retries: 0,
              networkErrors: {},
              aborted: 0,
              totalLatencyMs: 10,
              maxLatencyMs: 10,
            },
          },
          // The budget's growth depends on how the stepping clock lines up with its pacing; no 429 means no cut.
          rate: expect.objectContaining({ decreases: 0, maxRps: null, slowStart: true, started: 7 }),
        },
        qtest: {
          totals: {
            requests: 0,
            responses: {},
            retries: 0,
            networkErrors: {},
            aborted: 0,
            totalLatencyMs: 0,
            maxLatencyMs: 0,
          },
          endpoints: {},
          rate: {
            currentRps: 20,
            peakRps: 20,
            maxRps: null,
            decreases: 0,
            slowStart: true,
            started: 0,
            held: 0,
          },
        },
      },
    });
    expect(JSON.parse(JSON.stringify(stats))).toEqual(stats);
  });

  it('hands out snapshots that later requests do not change', async () => {
    server = await startScriptedServer(() => ({ status: 200 }));
    const http = new HttpLayer();
    const zephyrFetch = http.api({
      api: 'zephyr',
      baseUrl: `${server.origin}/v2`,
      operations: zephyrOperations,
    });
    await zephyrFetch(`${server.origin}/v2/testcases/A-1`);
    const before = http.stats();
    await zephyrFetch(`${server.origin}/v2/testcases/A-2`);
    expect(before.apis.zephyr?.endpoints['GET /testcases/{testCaseKey}']).toMatchObject({
      requests: 1,
      responses: { '200': 1 },
    });
    expect(http.stats().apis.zephyr?.endpoints['GET /testcases/{testCaseKey}']).toMatchObject({
      requests: 2,
      responses: { '200': 2 },
    });
  });

  it('refuses a second api with the same label, which would split its counters and pause', () => {
    const http = new HttpLayer();
    http.api({ api: 'zephyr', baseUrl: 'http://127.0.0.1:1/v2', operations: zephyrOperations });
    expect(() =>
      http.api({ api: 'zephyr', baseUrl: 'http://127.0.0.1:2/v2', operations: zephyrOperations }),
    ).toThrow('already registered');
  });
});
