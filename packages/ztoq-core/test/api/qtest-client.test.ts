import { describe, expect, it } from 'vitest';
import { createQTestClient } from '../../src/api/qtest-client.js';
import { AuthError, ConfigError } from '../../src/errors.js';
import { startFakeQTest } from './fake-qtest.js';
import { pathOf } from './recording-server.js';

const auth = { kind: 'password', username: 'alice', password: 'alice-password', siteName: 'acme' } as const;

const newTestCase = { name: 'Login works', parent_id: 42, properties: [] };

describe('createQTestClient', () => {
  it('logs in once and reuses the token for sequential and concurrent requests', async () => {
    const site = await startFakeQTest();
    const client = createQTestClient({ baseUrl: site.origin, auth });

    await client.GET('/api/v3/projects');
    await Promise.all(
      [1, 2, 3, 4].map((projectId) =>
        client.GET('/api/v3/projects/{projectId}', { params: { path: { projectId } } }),
      ),
    );

    expect(site.logins()).toHaveLength(1);
    expect(site.apiCalls()).toHaveLength(5);
    expect(site.apiCalls().map((call) => call.headers.authorization)).toEqual(
      Array(5).fill('bearer access-token-1'),
    );
  });

  it('on a 401 logs in again and replays the request, body included, once', async () => {
    const site = await startFakeQTest({ api: () => ({ status: 200, json: { id: 7, name: 'Login works' } }) });
    const client = createQTestClient({ baseUrl: site.origin, auth });
    await client.GET('/api/v3/projects');
    site.expireTokens();

    const { data, response } = await client.POST('/api/v3/projects/{projectId}/test-cases', {
      params: { path: { projectId: 1 } },
      body: newTestCase,
    });

    expect(response.status).toBe(200);
    expect(data).toEqual({ id: 7, name: 'Login works' });
    expect(site.logins()).toHaveLength(2);
    const [refused, replayed] = site.apiCalls().slice(1);
    expect(refused?.headers.authorization).toBe('bearer access-token-1');
    expect(replayed?.headers.authorization).toBe('bearer access-token-2');
    expect(replayed?.method).toBe('POST');
    expect(pathOf(replayed!)).toBe('/api/v3/projects/1/test-cases');
    expect(replayed?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(replayed?.body ?? '')).toEqual(newTestCase);
    expect(replayed?.body).toBe(refused?.body);
  });

  it('logs in again only once when concurrent requests are refused together', async () => {
    const site = await startFakeQTest();
    const client = createQTestClient({ baseUrl: site.origin, auth });
    await client.GET('/api/v3/projects');
    site.expireTokens();

    const results = await Promise.all(
      [1, 2, 3, 4, 5].map((projectId) =>
        client.GET('/api/v3/projects/{projectId}', { params: { path: { projectId } } }),
      ),
    );

    expect(results.map(({ response }) => response.status)).toEqual([200, 200, 200, 200, 200]);
    expect(site.logins()).toHaveLength(2);
  });

  it('returns a second 401 as it is instead of looping', async () => {
    const site = await startFakeQTest({
      api: () => ({ status: 401, json: { message: 'no access to project 1' } }),
    });
    const client = createQTestClient({ baseUrl: site.origin, auth });

    const { error, response } = await client.GET('/api/v3/projects/{projectId}', {
      params: { path: { projectId: 1 } },
    });

    expect(response.status).toBe(401);
    expect(error).toEqual({ message: 'no access to project 1' });
    expect(site.apiCalls()).toHaveLength(2);
    expect(site.logins()).toHaveLength(2);
  });

  it('sends a ready token without logging in, and has nothing to refresh on a 401', async () => {
    const site = await startFakeQTest({ readyTokens: ['ready-token-value'] });
    const client = createQTestClient({
      baseUrl: site.origin,
      auth: { kind: 'token', token: 'ready-token-value' },
    });

    const accepted = await client.GET('/api/v3/projects');
    site.expireTokens();
    const refused = await client.GET('/api/v3/projects');

    expect(accepted.response.status).toBe(200);
    expect(refused.response.status).toBe(401);
    expect(site.apiCalls().map((call) => call.headers.authorization)).toEqual([
      'Bearer ready-token-value',
      'Bearer ready-token-value',
    ]);
    expect(site.logins()).toHaveLength(0);
  });

  it('rejects with an AuthError when the login is refused', async () => {
    const site = await startFakeQTest({ loginReply: { status: 401 } });
    const client = createQTestClient({ baseUrl: site.origin, auth });

    await expect(client.GET('/api/v3/projects')).rejects.toThrowError(AuthError);
    expect(site.apiCalls()).toHaveLength(0);
  });

  it('checks its configuration before sending anything', () => {
    expect(() =>
      createQTestClient({ baseUrl: 'mailto:qa@example.com', auth: { kind: 'token', token: ' ' } }),
    ).toThrowError(
      new ConfigError([
        'QTEST_BASE_URL is not a valid http(s) URL: mailto:qa@example.com',
        'QTEST_API_TOKEN is empty',
      ]),
    );
  });
});
