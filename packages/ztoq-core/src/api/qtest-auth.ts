import createClient, { type Client } from 'openapi-fetch';
import { AuthError, ZtoqError } from '../errors.js';
import type { paths } from '../generated/qtest-paths.js';
import { secrets } from '../secrets.js';
import { apiError, vendorMessageOf } from './api-error.js';
import { blankProblem, httpUrlProblem, type RequestFetch, throwIfProblems } from './client-options.js';

/** How ztoq proves itself to qTest: a ready API token, or a user's login. */
export type QTestAuth =
  | { kind: 'token'; token: string }
  | {
      kind: 'password';
      username: string;
      password: string;
      /** Defaults to the first label of the base URL's host (`apitryout.qtestnet.com` → `apitryout`). */
      siteName?: string;
    };

/** Hands out the `Authorization` header value for qTest requests. */
export interface QTestTokenProvider {
  /** Logs in on first use; callers that ask while that login is under way share it. */
  getAuthorization(): Promise<string>;
  /**
   * Called after qTest answered 401 to `rejectedAuthorization`. Logs in again unless another
   * caller already did since that value was handed out (or is doing so now), so a burst of
   * 401s costs one login. Resolves to `undefined` when the credentials cannot be renewed
   * (a ready token).
   */
  refresh(rejectedAuthorization: string): Promise<string | undefined>;
}

export interface QTestTokenProviderOptions {
  /** The site root, e.g. `https://apitryout.qtestnet.com`. */
  baseUrl: string;
  auth: QTestAuth;
  /** Defaults to `globalThis.fetch`. */
  fetch?: RequestFetch;
}

export function createQTestTokenProvider({
  baseUrl,
  auth,
  fetch,
}: QTestTokenProviderOptions): QTestTokenProvider {
  throwIfProblems([...httpUrlProblem('QTEST_BASE_URL', baseUrl), ...authProblems(auth)]);
  if (auth.kind === 'token') return readyToken(auth.token);
  return new PasswordLogin(createClient<paths>({ baseUrl, fetch }), {
    ...auth,
    siteName: auth.siteName ?? siteNameOf(baseUrl),
  });
}

function authProblems(auth: QTestAuth): string[] {
  if (auth.kind === 'token') return blankProblem('QTEST_API_TOKEN', auth.token);
  return [
    ...blankProblem('QTEST_USERNAME', auth.username),
    ...blankProblem('QTEST_PASSWORD', auth.password),
    ...(auth.siteName === undefined ? [] : blankProblem('qTest siteName', auth.siteName)),
  ];
}

/**
 * The spec's only example derives the site name from the host (`apitryout.qtestnet.com`); a
 * site served under another domain needs the explicit `siteName`.
 */
function siteNameOf(baseUrl: string): string {
  return new URL(baseUrl).hostname.split('.')[0] ?? '';
}

/** qTest shows its token as `bearer <token>` in some places; accept it either way. */
const BEARER_PREFIX = /^bearer /i;

function readyToken(token: string): QTestTokenProvider {
  secrets.add(token);
  secrets.add(token.replace(BEARER_PREFIX, ''));
  const authorization = BEARER_PREFIX.test(token) ? token : `Bearer ${token}`;
  return {
    getAuthorization: async () => authorization,
    refresh: async () => undefined,
  };
}

interface PasswordCredentials {
  username: string;
  password: string;
  siteName: string;
}

interface Login {
  readonly authorization: Promise<string>;
  /** Set once the login succeeded; absent while it is under way. */
  settled?: string;
}

const TOKEN_OPERATION = { method: 'POST', path: '/oauth/token' } as const;

class PasswordLogin implements QTestTokenProvider {
  readonly #client: Client<paths>;
  readonly #credentials: PasswordCredentials;
  #login: Login | undefined;

  constructor(client: Client<paths>, credentials: PasswordCredentials) {
    this.#client = client;
    this.#credentials = credentials;
    secrets.add(credentials.password);
  }

  getAuthorization(): Promise<string> {
    return (this.#login ?? this.#startLogin()).authorization;
  }

  refresh(rejectedAuthorization: string): Promise<string> {
    const login = this.#login;
    // A login under way, or one that finished with another token, is already the renewal.
    if (login !== undefined && login.settled !== rejectedAuthorization) return login.authorization;
    return this.#startLogin().authorization;
  }

  #startLogin(): Login {
    const login: Login = { authorization: this.#logIn() };
    this.#login = login;
    login.authorization.then(
      (authorization) => {
        login.settled = authorization;
      },
      // Forget a failed login so the next caller tries again instead of inheriting the failure.
      () => {
        if (this.#login === login) this.#login = undefined;
      },
    );
    return login;
  }

  async #logIn(): Promise<string> {
    const { username, password, siteName } = this.#credentials;
    const { data, error, response } = await this.#client.POST('/oauth/token', {
      params: { header: { Authorization: `Basic ${Buffer.from(`${siteName}:`).toString('base64')}` } },
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: { grant_type: 'password', username, password },
      bodySerializer: (fields) => new URLSearchParams(fields as Record<string, string>).toString(),
    });
    if (response.status === 400 || response.status === 401) {
      const vendorMessage = vendorMessageOf(error);
      throw new AuthError(
        'qTest',
        response.status,
        `qTest refused the login of user "${username}" (POST /oauth/token answered HTTP ${response.status})` +
          (vendorMessage === undefined ? '' : `: ${vendorMessage}`),
      );
    }
    if (!response.ok) throw apiError('qTest', TOKEN_OPERATION, response, error);
    if (!data?.access_token) {
      throw new ZtoqError('qTest POST /oauth/token answered HTTP 200 without an access_token');
    }
    secrets.add(data.access_token);
    secrets.add(data.refresh_token);
    // The spec names "bearer" as the token type; assume it when the answer leaves it out.
    return `${data.token_type ?? 'bearer'} ${data.access_token}`;
  }
}
