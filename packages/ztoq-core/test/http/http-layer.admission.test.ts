import { afterEach, describe, expect, it } from 'vitest';
import { zephyrOperations } from '../../src/generated/zephyr-operations.js';
import { HttpLayer } from '../../src/http/http-layer.js';
import { fixedRandom, recordingSleep } from './support/recorders.js';
import { type ScriptedServer, startScriptedServer } from './support/scripted-server.js';

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A sleep that parks every wait until the test releases it, so a test can act while a request is between attempts. */
function heldSleep() {
  const waits: { ms: number; release: () => void }[] = [];
  let announce: () => void = () => {};
  return {
    waits,
    sleep: (ms: number) =>
      new Promise<void>((resolve) => {
        waits.push({ ms, release: resolve });
        announce();
      }),
    /** Resolves once at least `count` waits have started. */
    waitsStarted(count: number): Promise<void> {
      return new Promise((resolve) => {
        const check = () => {
          if (waits.length >= count) resolve();
        };
        announce = check;
        check();
      });
    },
  };
}

function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const poll = () => {
      if (condition()) resolve();
      else if (Date.now() > deadline) reject(new Error('condition not met in time'));
      else setTimeout(poll, 5);
    };
    poll();
  });
}

describe('concurrency', () => {
  it('never has more attempts in flight than the limit', async () => {
    const limit = 3;
    const total = 9;
    // Each reply waits until the limit is reached (or every request has arrived), so an
    // unbounded layer would pile requests onto the server and one held to fewer would show too.
    server = await startScriptedServer(async () => {
      await until(() => server!.inFlight() >= limit || server!.received.length === total);
      return { status: 200 };
    });
    const origin = server.origin;
    const http = new HttpLayer();
    const zephyrFetch = http.api({
      api: 'zephyr',
      baseUrl: `${origin}/v2`,
      operations: zephyrOperations,
      concurrency: limit,
    });
    const responses = await Promise.all(
      Array.from({ length: total }, (_, i) => zephyrFetch(`${origin}/v2/testcases/PROJ-T${i}`)),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(total).fill(200));
    expect(server.received).toHaveLength(total);
    expect(server.maxInFlight()).toBe(limit);
  });

  it('frees the slot while a request waits to retry', async () => {
    server = await startScriptedServer((_request, index) =>
      index === 0 ? { status: 503 } : { status: 200 },
    );
    const origin = server.origin;
    const held = heldSleep();
    const http = new HttpLayer({ sleep: held.sleep });
    const zephyrFetch = http.api({
      api: 'zephyr',
      baseUrl: `${origin}/v2`,
      operations: zephyrOperations,
      concurrency: 1,
    });

    const first = zephyrFetch(`${origin}/v2/testcases/A`);
    await held.waitsStarted(1);
    // With the only slot taken by a sleeping request, this would never reach the server.
    const second = await zephyrFetch(`${origin}/v2/testcases/B`);
    expect(second.status).toBe(200);

    held.waits[0]!.release();
    expect((await first).status).toBe(200);
    expect(server.received.map((request) => request.url)).toEqual([
      '/v2/testcases/A',
      '/v2/testcases/B',
      '/v2/testcases/A',
    ]);
  });
  it('lets a retry go ahead of requests still waiting for their first attempt', async () => {
    let releaseFirstReply: () => void = () => {};
    const firstReplyReleased = new Promise<void>((resolve) => {
      releaseFirstReply = resolve;
    });
    server = await startScriptedServer(async (_request, index) => {
      if (index > 0) return { status: 200 };
      await firstReplyReleased;
      return { status: 503 };
    });
    const origin = server.origin;
    const http = new HttpLayer({ sleep: recordingSleep().sleep });
    const zephyrFetch = http.api({
      api: 'zephyr',
      baseUrl: `${origin}/v2`,
      operations: zephyrOperations,
      concurrency: 1,
    });

    const first = zephyrFetch(`${origin}/v2/testcases/A`);
    await until(() => server!.received.length === 1);
    const queued = [zephyrFetch(`${origin}/v2/testcases/B`), zephyrFetch(`${origin}/v2/testcases/C`)];
    await new Promise((resolve) => setTimeout(resolve, 20));
    releaseFirstReply();
    await Promise.all([first, ...queued]);
    // B takes the slot A's first attempt gave up; A's retry then goes before C, which queued earlier.
    expect(server.received.map((request) => request.url)).toEqual([
      '/v2/testcases/A',
      '/v2/testcases/B',
      '/v2/testcases/A',
      '/v2/testcases/C',
    ]);
  });
});

describe('hand-set ceiling (maxRps)', () => {
  it('starts no more attempts in any second than the budget allows', async () => {
    server = await startScriptedServer(() => ({ status: 200 }));
    const origin = server.origin;
    const sentAt: number[] = [];
    const http = new HttpLayer({
      fetch: (input, init) => {
        sentAt.push(performance.now());
        return fetch(input, init);
      },
    });
    const budget = 20;
    const zephyrFetch = http.api({
      api: 'zephyr',
      baseUrl: `${origin}/v2`,
      operations: zephyrOperations,
      concurrency: 50,
      maxRps: budget,
    });
    await Promise.all(Array.from({ length: 30 }, (_, i) => zephyrFetch(`${origin}/v2/testcases/PROJ-T${i}`)));

    expect(sentAt).toHaveLength(30);
    // A slightly narrower window than a second absorbs clock granularity; a broken budget sends all 30 at once.
    const window = 950;
    for (const start of sentAt) {
      const inWindow = sentAt.filter((time) => time >= start && time < start + window).length;
      expect(inWindow).toBeLessThanOrEqual(budget);
    }
    expect(Math.max(...sentAt) - Math.min(...sentAt)).toBeGreaterThanOrEqual(window);
  });

  it('rejects a budget that is not positive', () => {
    const http = new HttpLayer();
    expect(() =>
      http.api({ api: 'zephyr', baseUrl: 'http://127.0.0.1:1', operations: [], maxRps: 0 }),
    ).toThrow(RangeError);
  });
});

describe('rate-limit pause', () => {
  it('holds every request of the api after a 429 with Retry-After, and lets the retry go first', async () => {
    server = await startScriptedServer((_request, index) =>
      index === 0 ? { status: 429, headers: { 'retry-after': '5' } } : { status: 200 },
    );
    const origin = server.origin;
    const held = heldSleep();
    const http = new HttpLayer({ sleep: held.sleep });
    const zephyrFetch = http.api({
      api: 'zephyr',
      baseUrl: `${origin}/v2`,
      operations: zephyrOperations,
      concurrency: 1,
    });

    const limited = zephyrFetch(`${origin}/v2/testcases/A`);
    await held.waitsStarted(1);
    expect(held.waits.map((wait) => wait.ms)).toEqual([5_000]);
    const other = zephyrFetch(`${origin}/v2/testcases/B`);
    // Give a broken pause every chance to let B through; a loaded machine only makes this wait longer.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(server.received.map((request) => request.url)).toEqual(['/v2/testcases/A']);

    held.waits[0]!.release();
    expect((await limited).status).toBe(200);
    expect((await other).status).toBe(200);
    expect(server.received.map((request) => request.url)).toEqual([
      '/v2/testcases/A',
      '/v2/testcases/A',
      '/v2/testcases/B',
    ]);
    expect(held.waits).toHaveLength(1);
  });

  it('does not pause other apis', async () => {
    let zephyrRequests = 0;
    server = await startScriptedServer((request) => {
      if (!request.url.startsWith('/zephyr')) return { status: 200 };
      zephyrRequests++;
      return zephyrRequests === 1 ? { status: 429, headers: { 'retry-after': '5' } } : { status: 200 };
    });
    const origin = server.origin;
    const held = heldSleep();
    const http = new HttpLayer({ sleep: held.sleep });
    const zephyrFetch = http.api({
      api: 'zephyr',
      baseUrl: `${origin}/zephyr`,
      operations: zephyrOperations,
    });
    const qtestFetch = http.api({ api: 'qtest', baseUrl: `${origin}/qtest`, operations: [] });

    const limited = zephyrFetch(`${origin}/zephyr/testcases/A`);
    await held.waitsStarted(1);
    expect((await qtestFetch(`${origin}/qtest/anything`)).status).toBe(200);
    held.waits[0]!.release();
    expect((await limited).status).toBe(200);
  });
});

describe('abort', () => {
  it('stops a request waiting to retry', async () => {
    server = await startScriptedServer(() => ({ status: 503 }));
    const origin = server.origin;
    const held = heldSleep();
    const http = new HttpLayer({ sleep: held.sleep });
    const zephyrFetch = http.api({ api: 'zephyr', baseUrl: `${origin}/v2`, operations: zephyrOperations });

    const controller = new AbortController();
    const pending = zephyrFetch(`${origin}/v2/testcases/A`, { signal: controller.signal });
    await held.waitsStarted(1);
    const reason = new Error('run cancelled');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    await http.onIdle();
    expect(server.received).toHaveLength(1);
    expect(http.stats().apis.zephyr?.totals).toMatchObject({ requests: 1, retries: 1 });
  });

  it('stops a request held by a rate-limit pause', async () => {
    server = await startScriptedServer(() => ({ status: 429, headers: { 'retry-after': '60' } }));
    const origin = server.origin;
    const held = heldSleep();
    const http = new HttpLayer({ sleep: held.sleep });
    const zephyrFetch = http.api({ api: 'zephyr', baseUrl: `${origin}/v2`, operations: zephyrOperations });

    const controller = new AbortController();
    const pending = zephyrFetch(`${origin}/v2/testcases/A`, { signal: controller.signal });
    await held.waitsStarted(1);
    controller.abort(new Error('run cancelled'));
    await expect(pending).rejects.toThrow('run cancelled');
    held.waits[0]!.release();
    await http.onIdle();
    expect(server.received).toHaveLength(1);
  });

  it('cancels an attempt in flight without retrying it', async () => {
    server = await startScriptedServer(() => ({ hang: true }));
    const origin = server.origin;
    const recorder = recordingSleep();
    const http = new HttpLayer({ sleep: recorder.sleep, random: fixedRandom(1) });
    const zephyrFetch = http.api({ api: 'zephyr', baseUrl: `${origin}/v2`, operations: zephyrOperations });

    const controller = new AbortController();
    const pending = zephyrFetch(`${origin}/v2/testcases/A`, { signal: controller.signal });
    await until(() => server!.received.length === 1);
    controller.abort(new Error('run cancelled'));
    await expect(pending).rejects.toThrow('run cancelled');
    expect(recorder.delays).toEqual([]);
    expect(http.stats().apis.zephyr?.totals).toMatchObject({ requests: 1, aborted: 1, retries: 0 });
  });

  it('sends nothing when the signal is already aborted', async () => {
    server = await startScriptedServer(() => ({ status: 200 }));
    const http = new HttpLayer();
    const zephyrFetch = http.api({
      api: 'zephyr',
      baseUrl: `${server.origin}/v2`,
      operations: zephyrOperations,
    });
    await expect(
      zephyrFetch(`${server.origin}/v2/testcases/A`, { signal: AbortSignal.abort(new Error('too late')) }),
    ).rejects.toThrow('too late');
    expect(server.received).toHaveLength(0);
  });
});

describe('onIdle', () => {
  it('waits for requests between attempts, not just for the queues', async () => {
    server = await startScriptedServer((_request, index) =>
      index === 0 ? { status: 503 } : { status: 200 },
    );
    const origin = server.origin;
    const held = heldSleep();
    const http = new HttpLayer({ sleep: held.sleep });
    const zephyrFetch = http.api({ api: 'zephyr', baseUrl: `${origin}/v2`, operations: zephyrOperations });

    const pending = zephyrFetch(`${origin}/v2/testcases/A`);
    await held.waitsStarted(1);
    let idle = false;
    const idlePromise = http.onIdle().then(() => {
      idle = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(idle).toBe(false);
    held.waits[0]!.release();
    await idlePromise;
    expect(server.received).toHaveLength(2);
    expect((await pending).status).toBe(200);
  });
});
