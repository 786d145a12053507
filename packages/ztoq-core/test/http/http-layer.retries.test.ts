import { afterEach, describe, expect, it } from 'vitest';
import { qtestOperations } from '../../src/generated/qtest-operations.js';
import { zephyrOperations } from '../../src/generated/zephyr-operations.js';
import { type HttpApiOptions, HttpLayer } from '../../src/http/http-layer.js';
import { ATTEMPT_TIMEOUT_CODE, HttpNetworkError } from '../../src/http/network-failure.js';
import { fixedRandom, recordingSleep } from './support/recorders.js';
import {
  closedPortOrigin,
  type Reply,
  type ScriptedServer,
  startScriptedServer,
} from './support/scripted-server.js';

const NOW = Date.UTC(2025, 4, 1, 12, 0, 0);
const ok: Reply = { status: 200, body: '{"ok":true}' };

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Starts a server that gives `replies` in order (the last one repeats) and a zephyr fetch pointing at it. */
async function setUp(replies: Reply[], options: Partial<HttpApiOptions> = {}, random = fixedRandom(1)) {
  server = await startScriptedServer((_request, index) => replies[Math.min(index, replies.length - 1)]!);
  const recorder = recordingSleep();
  const http = new HttpLayer({ sleep: recorder.sleep, random, now: () => NOW });
  const zephyrFetch = http.api({
    api: 'zephyr',
    baseUrl: `${server.origin}/v2`,
    operations: zephyrOperations,
    ...options,
  });
  return { http, zephyrFetch, delays: recorder.delays, server, base: `${server.origin}/v2` };
}

describe('Retry-After', () => {
  it('waits the delta-seconds a 429 asks for, then succeeds', async () => {
    const { zephyrFetch, delays, server, base } = await setUp([
      { status: 429, headers: { 'retry-after': '7' } },
      ok,
    ]);
    const response = await zephyrFetch(`${base}/testcases/PROJ-T1`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect(delays).toEqual([7_000]);
    expect(server.received).toHaveLength(2);
  });

  it('waits until the HTTP-date a 503 names', async () => {
    const retryAt = new Date(NOW + 42_000).toUTCString();
    const { zephyrFetch, delays, base } = await setUp([
      { status: 503, headers: { 'retry-after': retryAt } },
      ok,
    ]);
    expect((await zephyrFetch(`${base}/testcases/PROJ-T1`)).status).toBe(200);
    expect(delays).toEqual([42_000]);
  });

  it('raises a too-short Retry-After to the floor and lowers a too-long one to the cap', async () => {
    const { zephyrFetch, delays, base } = await setUp(
      [
        { status: 429, headers: { 'retry-after': '0' } },
        { status: 503, headers: { 'retry-after': new Date(NOW - 60_000).toUTCString() } },
        { status: 429, headers: { 'retry-after': '3600' } },
        ok,
      ],
      { retryAfterFloorMs: 2_000, retryAfterCapMs: 10_000 },
    );
    expect((await zephyrFetch(`${base}/testcases/PROJ-T1`)).status).toBe(200);
    expect(delays).toEqual([2_000, 2_000, 10_000]);
  });

  it('falls back to backoff when Retry-After is unreadable', async () => {
    const { zephyrFetch, delays, base } = await setUp(
      [{ status: 503, headers: { 'retry-after': 'later' } }, ok],
      {
        baseDelayMs: 300,
      },
    );
    expect((await zephyrFetch(`${base}/testcases/PROJ-T1`)).status).toBe(200);
    expect(delays).toEqual([300]);
  });
});

describe('backoff', () => {
  it('grows exponentially and stops at maxDelayMs', async () => {
    const unavailable: Reply = { status: 503 };
    const { zephyrFetch, delays, server, base } = await setUp(
      [unavailable, unavailable, unavailable, unavailable, unavailable, ok],
      { maxAttempts: 6, baseDelayMs: 100, maxDelayMs: 700 },
    );
    expect((await zephyrFetch(`${base}/testcases/PROJ-T1`)).status).toBe(200);
    expect(delays).toEqual([100, 200, 400, 700, 700]);
    expect(server.received).toHaveLength(6);
  });

  it('jitters each delay within [0, ceiling] using the injected randomness', async () => {
    const draws = [0.5, 0.1, 0.9, 0];
    const random = () => draws.shift() ?? 1;
    const { zephyrFetch, delays, base } = await setUp(
      [{ status: 502 }, { status: 504 }, { status: 503 }, { status: 429 }, ok],
      { baseDelayMs: 1_000, maxDelayMs: 30_000 },
      random,
    );
    expect((await zephyrFetch(`${base}/testcases/PROJ-T1`)).status).toBe(200);
    expect(delays).toEqual([500, 200, 3_600, 0]);
  });
});

describe('which requests are retried', () => {
  it('retries a 503 GET until it succeeds', async () => {
    const { zephyrFetch, delays, server, base } = await setUp([{ status: 503 }, { status: 503 }, ok]);
    expect((await zephyrFetch(`${base}/testcases/PROJ-T1`)).status).toBe(200);
    expect(server.received.map((request) => request.url)).toEqual([
      '/v2/testcases/PROJ-T1',
      '/v2/testcases/PROJ-T1',
      '/v2/testcases/PROJ-T1',
    ]);
    expect(delays).toHaveLength(2);
  });

  it('returns the last 503 once attempts are exhausted', async () => {
    const { zephyrFetch, server, base } = await setUp([{ status: 503, body: '{"last":true}' }], {
      maxAttempts: 3,
    });
    const response = await zephyrFetch(`${base}/testcases/PROJ-T1`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ last: true });
    expect(server.received).toHaveLength(3);
  });

  it('does not retry statuses that will not change', async () => {
    const { zephyrFetch, server, base } = await setUp([{ status: 404 }, ok]);
    expect((await zephyrFetch(`${base}/testcases/PROJ-T1`)).status).toBe(404);
    expect(server.received).toHaveLength(1);
  });

  it('retries a read that met a 500, but hands a POST that met one back', async () => {
    const read = await setUp([{ status: 500 }, ok]);
    expect((await read.zephyrFetch(`${read.base}/testcases/PROJ-T1`)).status).toBe(200);
    expect(read.server.received).toHaveLength(2);
    const write = await setUp([{ status: 500 }, { status: 201 }]);
    const response = await write.zephyrFetch(`${write.base}/testcases`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(500);
    expect(write.server.received).toHaveLength(1);
  });

  it('hands a POST that met a 503 back to the caller after one attempt', async () => {
    const { zephyrFetch, delays, server, base } = await setUp([{ status: 503 }, { status: 201 }]);
    const response = await zephyrFetch(`${base}/testcases`, { method: 'POST', body: '{"name":"x"}' });
    expect(response.status).toBe(503);
    expect(server.received).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it('retries a POST refused with 429: the server did not act on it', async () => {
    const { zephyrFetch, server, base } = await setUp([{ status: 429 }, { status: 201 }]);
    const response = await zephyrFetch(`${base}/testcases`, { method: 'POST', body: '{"name":"x"}' });
    expect(response.status).toBe(201);
    expect(server.received.map((request) => request.method)).toEqual(['POST', 'POST']);
  });

  it('retries a POST the caller marked idempotent', async () => {
    server = await startScriptedServer((_request, index) => (index === 0 ? { status: 503 } : ok));
    const http = new HttpLayer({ sleep: recordingSleep().sleep });
    const qtestFetch = http.api({
      api: 'qtest',
      baseUrl: server.origin,
      operations: qtestOperations,
      isIdempotent: (method, path) => method !== 'POST' || path.endsWith('/search'),
    });
    const response = await qtestFetch(`${server.origin}/api/v3/projects/17/search`, {
      method: 'POST',
      body: '{"object_type":"test-cases"}',
    });
    expect(response.status).toBe(200);
    expect(server.received).toHaveLength(2);
  });

  it('retries a GET whose connection was reset', async () => {
    const { zephyrFetch, server, base } = await setUp([{ destroySocket: true }, ok]);
    expect((await zephyrFetch(`${base}/testcases/PROJ-T1`)).status).toBe(200);
    expect(server.received).toHaveLength(2);
  });

  it('does not retry a POST whose connection was reset, and says why', async () => {
    const { zephyrFetch, server, base } = await setUp([{ destroySocket: true }, { status: 201 }]);
    const failure = zephyrFetch(`${base}/testcases`, { method: 'POST', body: '{"name":"x"}' });
    await expect(failure).rejects.toBeInstanceOf(HttpNetworkError);
    await expect(failure).rejects.toMatchObject({
      api: 'zephyr',
      endpoint: 'POST /testcases',
      attempts: 1,
      code: 'UND_ERR_SOCKET',
      message: 'zephyr POST /testcases: no HTTP response (UND_ERR_SOCKET) after 1 attempt',
    });
    expect(server.received).toHaveLength(1);
  });

  it('throws after exhausting attempts on resets', async () => {
    const { zephyrFetch, server, base } = await setUp([{ destroySocket: true }], { maxAttempts: 3 });
    await expect(zephyrFetch(`${base}/testcases/PROJ-T1`)).rejects.toMatchObject({
      name: 'HttpNetworkError',
      attempts: 3,
      code: 'UND_ERR_SOCKET',
    });
    expect(server.received).toHaveLength(3);
  });

  it('retries even a POST when the connection was refused before anything was sent', async () => {
    const origin = await closedPortOrigin();
    const recorder = recordingSleep();
    const http = new HttpLayer({ sleep: recorder.sleep, random: fixedRandom(1) });
    const zephyrFetch = http.api({
      api: 'zephyr',
      baseUrl: `${origin}/v2`,
      operations: zephyrOperations,
      maxAttempts: 3,
    });
    const failure = zephyrFetch(`${origin}/v2/testcases`, { method: 'POST', body: '{}' });
    await expect(failure).rejects.toMatchObject({ code: 'ECONNREFUSED', attempts: 3 });
    await expect(failure).rejects.toThrow(
      'zephyr POST /testcases: no HTTP response (ECONNREFUSED) after 3 attempts',
    );
    expect(recorder.delays).toEqual([500, 1_000]);
  });

  it('retries a GET whose attempt timed out', async () => {
    const { zephyrFetch, server, base } = await setUp([{ hang: true }, ok], { timeoutMs: 100 });
    expect((await zephyrFetch(`${base}/testcases/PROJ-T1`)).status).toBe(200);
    expect(server.received).toHaveLength(2);
  });

  it('does not retry a POST whose attempt timed out: it may have been processed', async () => {
    const { zephyrFetch, server, base } = await setUp([{ hang: true }, { status: 201 }], { timeoutMs: 100 });
    await expect(zephyrFetch(`${base}/testcases`, { method: 'POST', body: '{}' })).rejects.toMatchObject({
      code: ATTEMPT_TIMEOUT_CODE,
      attempts: 1,
    });
    expect(server.received).toHaveLength(1);
  });
});

describe('a fresh request per attempt', () => {
  it('sends the same body and headers on every attempt', async () => {
    const { zephyrFetch, server, base } = await setUp([{ status: 503 }, { status: 502 }, ok]);
    const body = JSON.stringify({
      name: 'Grüße — 測試',
      steps: Array.from({ length: 200 }, (_, i) => `step ${i}`),
    });
    const request = new Request(`${base}/testcases/PROJ-T1`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'x-trace': 'abc' },
      body,
    });
    expect((await zephyrFetch(request)).status).toBe(200);
    expect(server.received).toHaveLength(3);
    for (const received of server.received) {
      expect(received.method).toBe('PUT');
      expect(received.body).toBe(body);
      expect(received.headers['content-type']).toBe('application/json');
      expect(received.headers['x-trace']).toBe('abc');
    }
  });
});
