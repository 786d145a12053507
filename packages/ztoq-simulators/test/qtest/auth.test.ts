import { createQTestClient } from '@ztoq/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createQTestSimulator, type QTestSimulator } from '../../src/qtest/index.js';
import { ADMIN, basicHeader, login, P, QTestTestClient, startSimulator } from './support.js';

const running: QTestSimulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((sim) => sim.close()));
});

async function listening(options: Parameters<typeof createQTestSimulator>[0] = {}) {
  const sim = createQTestSimulator(options);
  running.push(sim);
  return { sim, baseUrl: await sim.listen() };
}

describe('POST /oauth/token', () => {
  it('issues a bearer token for the password grant with the Basic header of the site name', async () => {
    const { baseUrl } = await listening({ siteName: 'acme', tokenLifetimeSeconds: 120 });

    const response = await login(baseUrl, undefined, basicHeader('acme'));

    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ token_type: 'bearer', expires_in: 120 });
    expect(body.access_token).toEqual(expect.any(String));
    expect(body.refresh_token).toEqual(expect.any(String));
    expect(body.scope).toContain('write');
  });

  it('refuses a Basic header of another site, or none, with 401', async () => {
    const { baseUrl } = await listening({ siteName: 'acme' });

    expect((await login(baseUrl, undefined, basicHeader('other'))).status).toBe(401);
    expect((await login(baseUrl, undefined, '')).status).toBe(401);
    expect((await login(baseUrl, undefined, `Basic ${Buffer.from('acme').toString('base64')}`)).status).toBe(
      401,
    );
  });

  it('refuses a wrong password or an unknown user with 401', async () => {
    const { baseUrl } = await listening();

    const wrongPassword = await login(baseUrl, { grant_type: 'password', username: ADMIN, password: 'nope' });
    const unknownUser = await login(baseUrl, {
      grant_type: 'password',
      username: 'ghost',
      password: 'simulator',
    });

    expect(wrongPassword.status).toBe(401);
    expect(await wrongPassword.json()).toEqual({
      error: 'unauthorized',
      error_description: 'Bad credentials',
    });
    expect(unknownUser.status).toBe(401);
  });

  it('refuses an unknown grant type with 400', async () => {
    const { baseUrl } = await listening();

    const response = await login(baseUrl, {
      grant_type: 'client_credentials',
      username: ADMIN,
      password: 'simulator',
    });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'unsupported_grant_type' });
  });

  it('refuses a JSON body: the login is a form', async () => {
    const { baseUrl } = await listening();

    const response = await fetch(`${baseUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: basicHeader() },
      body: JSON.stringify({ grant_type: 'password', username: ADMIN, password: 'simulator' }),
    });

    expect(response.status).toBe(400);
  });

  it('renews with the refresh grant, whose Basic header is qtest-api:, and refuses an unknown refresh token with 400', async () => {
    const { baseUrl } = await listening();
    const first = (await (await login(baseUrl)).json()) as { refresh_token: string };
    const refreshBasic = `Basic ${Buffer.from('qtest-api:').toString('base64')}`;

    const renewed = await login(
      baseUrl,
      { grant_type: 'refresh_token', refresh_token: first.refresh_token },
      refreshBasic,
    );
    const unknown = await login(
      baseUrl,
      { grant_type: 'refresh_token', refresh_token: 'forged' },
      refreshBasic,
    );
    const wrongClient = await login(baseUrl, {
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token,
    });

    expect(renewed.status).toBe(200);
    const token = (await renewed.json()) as { access_token: string };
    expect((await new QTestTestClient(baseUrl, `bearer ${token.access_token}`).get(P)).status).toBe(200);
    expect(unknown.status).toBe(400);
    expect(wrongClient.status).toBe(401);
  });
});

describe('bearer tokens', () => {
  it('accepts the scheme in any case, as qTest shows it lower-case', async () => {
    const { sim, api } = await startSimulator();
    running.push(sim);
    const token = api.authorization?.split(' ')[1];

    for (const scheme of ['bearer', 'Bearer', 'BEARER']) {
      expect((await new QTestTestClient(api.baseUrl, `${scheme} ${token}`).get(P)).status).toBe(200);
    }
    expect((await new QTestTestClient(api.baseUrl, `${token}`).get(P)).status).toBe(401);
  });

  it('takes ready tokens without a login', async () => {
    const { baseUrl } = await listening({ tokens: ['copied-from-the-ui'] });

    const response = await new QTestTestClient(baseUrl, 'bearer copied-from-the-ui').get(`${P}/users`);

    expect(response.status).toBe(200);
  });

  it('answers 401 once a token has expired by the clock', async () => {
    let now = Date.parse('2024-05-01T12:00:00Z');
    const { baseUrl } = await listening({ tokenLifetimeSeconds: 300, now: () => now });
    const token = (await (await login(baseUrl)).json()) as { access_token: string };
    const api = new QTestTestClient(baseUrl, `bearer ${token.access_token}`);

    now += 299_000;
    const status = await api.get<{ validityInMilliseconds: number }>('/oauth/status');
    now += 1_000;
    const expired = await api.get(P);

    expect(status.body.validityInMilliseconds).toBe(1_000);
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual({ error: 'invalid_token', error_description: 'Access token expired' });
  });

  it('answers 401 after expireTokens(), ready tokens included', async () => {
    const { sim, baseUrl } = await listening({ tokens: ['ready'] });
    const token = (await (await login(baseUrl)).json()) as { access_token: string };

    sim.expireTokens();

    expect((await new QTestTestClient(baseUrl, `bearer ${token.access_token}`).get(P)).status).toBe(401);
    expect((await new QTestTestClient(baseUrl, 'bearer ready').get(P)).status).toBe(401);
  });
});

describe('the engine client from @ztoq/core against the simulator', () => {
  it('logs in, and after the tokens expire logs in again on the 401 and repeats the call', async () => {
    const { sim, baseUrl } = await listening({ siteName: 'acme' });
    const client = createQTestClient({
      baseUrl,
      auth: { kind: 'password', username: ADMIN, password: 'simulator', siteName: 'acme' },
    });

    const first = await client.GET('/api/v3/projects/{projectId}', { params: { path: { projectId: 1001 } } });
    sim.expireTokens();
    const second = await client.GET('/api/v3/projects/{projectId}', {
      params: { path: { projectId: 1001 } },
    });

    expect(first.response.status).toBe(200);
    expect(second.response.status).toBe(200);
    expect(second.data?.name).toBe('Simulator Project');
    expect(sim.requestCounts()['POST /oauth/token']).toBe(2);
    expect(sim.requestCounts()['GET /api/v3/projects/{projectId}']).toBe(3);
  });
});
