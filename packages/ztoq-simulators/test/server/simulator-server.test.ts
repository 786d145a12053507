import { afterEach, describe, expect, it } from 'vitest';
import {
  jsonBody,
  SimHttpError,
  SimulatorServer,
  type SimulatorServerOptions,
} from '../../src/server/simulator-server.js';

const operations = [
  { method: 'GET', path: '/things/{thingId}' },
  { method: 'POST', path: '/things' },
  { method: 'GET', path: '/health' },
  { method: 'DELETE', path: '/things/{thingId}' },
];

let server: SimulatorServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(
  options: Partial<SimulatorServerOptions> = {},
): Promise<{ base: string; server: SimulatorServer }> {
  const created: string[] = [];
  server = new SimulatorServer({
    name: 'test',
    basePath: '/api',
    operations,
    authenticate: (request) =>
      request.headers.authorization === 'Bearer good'
        ? { credential: 'good' }
        : { rejected: 'Bearer token required' },
    errorBody: (status, message) => ({ code: status, message }),
    state: () => ({ created }),
    ...options,
  });
  server
    .route('GET', '/things/{thingId}', (request) => {
      if (request.params.thingId === 'missing') throw new SimHttpError(404, 'no such thing');
      return { status: 200, body: { id: request.params.thingId, by: request.credential } };
    })
    .route('POST', '/things', (request) => {
      const body = jsonBody(request) as { name: string };
      created.push(body.name);
      return { status: 201, body: { name: body.name } };
    })
    .route('GET', '/health', () => ({ status: 200, raw: 'ok', headers: { 'content-type': 'text/plain' } }), {
      isPublic: true,
    });
  const base = await server.listen();
  return { base, server };
}

const auth = { authorization: 'Bearer good' };

describe('SimulatorServer', () => {
  it('routes by spec template with decoded parameters and the caller credential', async () => {
    const { base } = await start();
    const response = await fetch(`${base}/things/a%20b`, { headers: auth });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: 'a b', by: 'good' });
  });

  it('refuses to route an operation the spec does not have', async () => {
    const { server: s } = await start();
    expect(() => s.route('GET', '/things', () => ({ status: 200 }))).toThrow(
      'GET /things is not an operation of the spec',
    );
    expect(() => s.route('GET', '/health', () => ({ status: 200 }))).toThrow('GET /health is routed twice');
  });

  it('answers unknown paths and unrouted spec operations 404, and bad credentials 401, in the vendor shape', async () => {
    const { base } = await start();
    expect(await (await fetch(`${base}/nowhere`, { headers: auth })).json()).toEqual({
      code: 404,
      message: 'GET /api/nowhere is not an endpoint of this API',
    });
    const notSimulated = await fetch(`${base}/things/1`, { method: 'DELETE', headers: auth });
    expect(notSimulated.status).toBe(501);
    expect(await notSimulated.json()).toEqual({
      code: 501,
      message: 'DELETE /things/{thingId} is in the test spec but not simulated',
    });
    // Credentials are checked before the simulator says whether a path exists.
    expect((await fetch(`${base}/nowhere`, { headers: { authorization: 'Bearer bad' } })).status).toBe(401);
    const unauthorized = await fetch(`${base}/things/1`, { headers: { authorization: 'Bearer bad' } });
    expect(unauthorized.status).toBe(401);
    expect(await unauthorized.json()).toEqual({ code: 401, message: 'Bearer token required' });
    expect(await (await fetch(`${base}/health`)).text()).toBe('ok');
  });

  it('turns handler errors into vendor-shaped answers and rejects malformed JSON', async () => {
    const { base } = await start();
    expect((await fetch(`${base}/things/missing`, { headers: auth })).status).toBe(404);
    const bad = await fetch(`${base}/things`, { method: 'POST', headers: auth, body: '{nope' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ code: 400, message: 'Request body is not valid JSON' });
  });

  it('sends the default headers on every answer, errors included', async () => {
    const { base } = await start({
      defaultHeaders: { 'access-control-allow-origin': '*', 'x-from': 'default' },
    });
    const ok = await fetch(`${base}/things/1`, { headers: auth });
    const refused = await fetch(`${base}/things/1`);
    for (const response of [ok, refused])
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const health = await fetch(`${base}/health`);
    expect(health.headers.get('x-from')).toBe('default');
    expect(health.headers.get('content-type')).toBe('text/plain');
  });

  it('counts requests per operation and serves inspection endpoints uncounted', async () => {
    const { base, server: s } = await start();
    await fetch(`${base}/things/1`, { headers: auth });
    await fetch(`${base}/things/2`, { headers: auth });
    await fetch(`${base}/things`, { method: 'POST', headers: auth, body: '{"name":"x"}' });
    await fetch(`${base}/nowhere`, { headers: auth });
    const origin = new URL(base).origin;
    expect(await (await fetch(`${origin}/__simulator/requests`)).json()).toEqual({
      'GET (other)': 1,
      'GET /things/{thingId}': 2,
      'POST /things': 1,
    });
    expect(await (await fetch(`${origin}/__simulator/state`)).json()).toEqual({ created: ['x'] });
    expect(s.requestCounts()['GET /things/{thingId}']).toBe(2);
    s.resetRequestCounts();
    expect(s.requestCounts()).toEqual({});
  });

  it('applies faults after authentication: 429 with Retry-After, then the request goes through once refilled', async () => {
    const { base } = await start({ faults: { rateLimit: { capacity: 1, refillPerSecond: 0.5 } } });
    expect((await fetch(`${base}/things/1`, { headers: auth })).status).toBe(200);
    const limited = await fetch(`${base}/things/1`, { headers: auth });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(await limited.json()).toEqual({ code: 429, message: 'Rate limit exceeded' });
    expect((await fetch(`${base}/things/1`, { headers: { authorization: 'nope' } })).status).toBe(401);
  });

  it('drops connections and loses responses of writes that were carried out', async () => {
    const dropping = await start({ faults: { dropConnectionRatio: 1 } });
    await expect(fetch(`${dropping.base}/things/1`, { headers: auth })).rejects.toThrow();
    await dropping.server.close();

    const losing = await start({ faults: { lostResponseRatio: 1 } });
    server = losing.server;
    await expect(
      fetch(`${losing.base}/things`, { method: 'POST', headers: auth, body: '{"name":"kept"}' }),
    ).rejects.toThrow();
    const state = await (await fetch(`${new URL(losing.base).origin}/__simulator/state`)).json();
    expect(state).toEqual({ created: ['kept'] });
  });

  it('delays answers by the configured latency', async () => {
    const { base } = await start({ faults: { latencyMs: 60 } });
    const started = performance.now();
    await fetch(`${base}/things/1`, { headers: auth });
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });
});
