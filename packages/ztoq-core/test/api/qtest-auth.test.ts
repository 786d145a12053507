import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/api/api-error.js';
import { createQTestTokenProvider, type QTestAuth } from '../../src/api/qtest-auth.js';
import { AuthError, ConfigError, ExitCode, ZtoqError } from '../../src/errors.js';
import { redact } from '../../src/secrets.js';
import { startFakeQTest } from './fake-qtest.js';
import { startRecordingServer } from './recording-server.js';

const PASSWORD = 'p@ss word&=secret';
const alice: QTestAuth = {
  kind: 'password',
  username: 'alice@example.com',
  password: PASSWORD,
  siteName: 'acme',
};

function failIfCalled(): Promise<Response> {
  throw new Error('no request was expected');
}

describe('createQTestTokenProvider with a password', () => {
  it('logs in with the form body and the Basic header of the site name', async () => {
    const site = await startFakeQTest();
    const tokens = createQTestTokenProvider({ baseUrl: site.origin, auth: alice });

    const authorization = await tokens.getAuthorization();

    expect(authorization).toBe('bearer access-token-1');
    const [login] = site.logins();
    expect(login?.method).toBe('POST');
    expect(login?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(login?.headers.authorization).toBe(`Basic ${Buffer.from('acme:').toString('base64')}`);
    expect(login?.body).toBe(
      'grant_type=password&username=alice%40example.com&password=p%40ss+word%26%3Dsecret',
    );
    expect(new URLSearchParams(login?.body)).toEqual(
      new URLSearchParams({ grant_type: 'password', username: 'alice@example.com', password: PASSWORD }),
    );
  });

  it('takes the site name from the first label of the host when none is given', async () => {
    const site = await startFakeQTest();
    // Reach the loopback site through the host name a real site has.
    const viaRealHost = async (request: Request) =>
      globalThis.fetch(
        new Request(request.url.replace('https://apitryout.qtestnet.com', site.origin), {
          method: request.method,
          headers: request.headers,
          body: await request.text(),
        }),
      );
    const tokens = createQTestTokenProvider({
      baseUrl: 'https://apitryout.qtestnet.com',
      auth: { kind: 'password', username: 'alice', password: PASSWORD },
      fetch: viaRealHost,
    });

    await tokens.getAuthorization();

    expect(site.logins()[0]?.headers.authorization).toBe('Basic YXBpdHJ5b3V0Og==');
  });

  it('logs in once for many callers, including concurrent ones', async () => {
    const site = await startFakeQTest();
    const tokens = createQTestTokenProvider({ baseUrl: site.origin, auth: alice });

    const concurrent = await Promise.all([1, 2, 3, 4, 5].map(() => tokens.getAuthorization()));
    const later = await tokens.getAuthorization();

    expect(new Set([...concurrent, later])).toEqual(new Set(['bearer access-token-1']));
    expect(site.logins()).toHaveLength(1);
  });

  it('refresh logs in again, once for concurrent callers that saw the same token refused', async () => {
    const site = await startFakeQTest();
    const tokens = createQTestTokenProvider({ baseUrl: site.origin, auth: alice });
    const refused = await tokens.getAuthorization();

    const renewed = await Promise.all([1, 2, 3].map(() => tokens.refresh(refused)));

    expect(renewed).toEqual(['bearer access-token-2', 'bearer access-token-2', 'bearer access-token-2']);
    expect(site.logins()).toHaveLength(2);
    expect(await tokens.getAuthorization()).toBe('bearer access-token-2');
  });

  it('does not log in again for a refusal of a token it has already replaced', async () => {
    const site = await startFakeQTest();
    const tokens = createQTestTokenProvider({ baseUrl: site.origin, auth: alice });
    const first = await tokens.getAuthorization();
    await tokens.refresh(first);

    expect(await tokens.refresh(first)).toBe('bearer access-token-2');
    expect(site.logins()).toHaveLength(2);
  });

  it.each([400, 401])(
    'turns a login refused with %i into an AuthError that keeps the password out',
    async (status) => {
      const site = await startFakeQTest({
        loginReply: {
          status,
          json: { error: 'invalid_grant', error_description: `Bad credentials: ${PASSWORD}` },
        },
      });
      const tokens = createQTestTokenProvider({ baseUrl: site.origin, auth: alice });

      const error = await tokens.getAuthorization().catch((thrown: unknown) => thrown);

      expect(error).toBeInstanceOf(AuthError);
      expect((error as AuthError).exitCode).toBe(ExitCode.authRefused);
      expect((error as AuthError).status).toBe(status);
      expect((error as AuthError).message).toBe(
        `qTest refused the login of user "alice@example.com" (POST /oauth/token answered HTTP ${status}): Bad credentials: ***`,
      );
      expect((error as AuthError).message).not.toContain(PASSWORD);
      expect((error as AuthError).message).not.toContain(encodeURIComponent(PASSWORD));
    },
  );

  it('tries again on the next call after a failed login instead of keeping the failure', async () => {
    let answer = 0;
    const server = await startRecordingServer(() => {
      answer += 1;
      return answer === 1
        ? { status: 503, json: { message: 'maintenance' } }
        : { status: 200, json: { access_token: 'late-token', token_type: 'bearer' } };
    });
    const tokens = createQTestTokenProvider({ baseUrl: server.origin, auth: alice });

    await expect(tokens.getAuthorization()).rejects.toThrowError(
      'qTest POST /oauth/token answered HTTP 503: maintenance',
    );
    await expect(tokens.getAuthorization()).resolves.toBe('bearer late-token');
  });

  it('raises an ApiError for a login that fails for other reasons', async () => {
    const site = await startFakeQTest({ loginReply: { status: 500, json: { message: 'internal error' } } });
    const tokens = createQTestTokenProvider({ baseUrl: site.origin, auth: alice });

    await expect(tokens.getAuthorization()).rejects.toThrowError(ApiError);
  });

  it('raises a clear error when the login answer carries no token', async () => {
    const site = await startFakeQTest({ loginReply: { status: 200, json: { token_type: 'bearer' } } });
    const tokens = createQTestTokenProvider({ baseUrl: site.origin, auth: alice });

    const error = await tokens.getAuthorization().catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(ZtoqError);
    expect((error as ZtoqError).message).toBe(
      'qTest POST /oauth/token answered HTTP 200 without an access_token',
    );
  });

  it('registers the password and the issued tokens as secrets', async () => {
    const site = await startFakeQTest();
    const tokens = createQTestTokenProvider({ baseUrl: site.origin, auth: alice });
    await tokens.getAuthorization();

    expect(redact(`${PASSWORD} access-token-1 refresh-token-1`)).toBe('*** *** ***');
  });
});

describe('createQTestTokenProvider with a ready token', () => {
  it.each([
    ['ready-token-value', 'Bearer ready-token-value'],
    ['bearer ready-token-value', 'bearer ready-token-value'],
    ['Bearer ready-token-value', 'Bearer ready-token-value'],
  ])('sends %j as %j without logging in', async (token, authorization) => {
    const tokens = createQTestTokenProvider({
      baseUrl: 'https://acme.qtestnet.com',
      auth: { kind: 'token', token },
      fetch: failIfCalled,
    });

    expect(await tokens.getAuthorization()).toBe(authorization);
    expect(await tokens.refresh(authorization)).toBeUndefined();
    expect(redact('ready-token-value')).toBe('***');
  });
});

describe('createQTestTokenProvider configuration checks', () => {
  const creating = (baseUrl: string, auth: QTestAuth) => () =>
    createQTestTokenProvider({ baseUrl, auth, fetch: failIfCalled });

  it.each<[string, QTestAuth, string[]]>([
    ['https://acme.qtestnet.com', { kind: 'token', token: '' }, ['QTEST_API_TOKEN is empty']],
    [
      'https://acme.qtestnet.com',
      { kind: 'password', username: ' ', password: '' },
      ['QTEST_USERNAME is empty', 'QTEST_PASSWORD is empty'],
    ],
    [
      'https://acme.qtestnet.com',
      { kind: 'password', username: 'alice', password: PASSWORD, siteName: '' },
      ['qTest siteName is empty'],
    ],
    [
      'acme.qtestnet.com',
      { kind: 'token', token: 'ready-token-value' },
      ['QTEST_BASE_URL is not a valid http(s) URL: acme.qtestnet.com'],
    ],
  ])('names what is wrong with %j %j', (baseUrl, auth, problems) => {
    expect(creating(baseUrl, auth)).toThrowError(new ConfigError(problems));
  });
});
