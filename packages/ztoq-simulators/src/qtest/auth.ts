import { randomUUID } from 'node:crypto';
import type { Authentication } from '../server/simulator-server.js';

export interface QTestCredentials {
  readonly username: string;
  readonly password: string;
}

/** The scope qTest grants, from the spec's example. */
export const TOKEN_SCOPE = 'read import administration create share baseline write delete execute export';
/** The Basic header of the refresh grant: base64 of `qtest-api:` (spec). */
const REFRESH_CLIENT = 'qtest-api';

interface IssuedToken {
  readonly username: string;
  /** Epoch milliseconds; ready tokens never expire. */
  readonly expiresAt: number | undefined;
}

export interface TokenGrant {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly expiresInSeconds: number;
}

export type LoginOutcome =
  | { readonly ok: true; readonly grant: TokenGrant }
  | { readonly ok: false; readonly status: 400 | 401; readonly error: string; readonly description: string };

export interface TokenAuthorityOptions {
  readonly siteName: string;
  readonly credentials: readonly QTestCredentials[];
  /** Tokens that work without a login, like one copied from qTest's UI; they act as the first user. */
  readonly readyTokens: readonly string[];
  readonly lifetimeSeconds: number;
  readonly now: () => number;
}

/**
 * qTest's OAuth side: the password and refresh grants of `POST /oauth/token` with their
 * Basic headers, and the bearer tokens every other call carries.
 */
export class TokenAuthority {
  readonly #options: TokenAuthorityOptions;
  readonly #tokens = new Map<string, IssuedToken>();
  readonly #refreshTokens = new Map<string, string>();

  constructor(options: TokenAuthorityOptions) {
    this.#options = options;
    const firstUser = options.credentials[0]?.username;
    if (options.readyTokens.length > 0 && firstUser === undefined) {
      throw new Error('qtest simulator: ready tokens need at least one credential to act as');
    }
    for (const token of options.readyTokens) {
      this.#tokens.set(token, { username: firstUser ?? '', expiresAt: undefined });
    }
  }

  /** Handles the form fields of `POST /oauth/token` with its Authorization header. */
  grant(authorization: string | undefined, form: URLSearchParams): LoginOutcome {
    const grantType = form.get('grant_type') ?? 'password';
    if (grantType === 'password') {
      if (basicClient(authorization) !== this.#options.siteName) {
        return unauthorized(
          `Authorization must be Basic base64("${this.#options.siteName}:") for the password grant`,
        );
      }
      const username = form.get('username') ?? '';
      const known = this.#options.credentials.find((credential) => credential.username === username);
      if (!known || known.password !== form.get('password')) return unauthorized('Bad credentials');
      return { ok: true, grant: this.#issue(username) };
    }
    if (grantType === 'refresh_token') {
      if (basicClient(authorization) !== REFRESH_CLIENT) {
        return unauthorized(`Authorization must be Basic base64("${REFRESH_CLIENT}:") for the refresh grant`);
      }
      const refreshToken = form.get('refresh_token') ?? '';
      const username = this.#refreshTokens.get(refreshToken);
      if (username === undefined) {
        return { ok: false, status: 400, error: 'invalid_grant', description: 'Invalid refresh token' };
      }
      return { ok: true, grant: this.#issue(username) };
    }
    return {
      ok: false,
      status: 400,
      error: 'unsupported_grant_type',
      description: `Unsupported grant type: ${grantType}`,
    };
  }

  /** Checks `Authorization: bearer <token>`; the scheme is case-insensitive, as qTest shows it lower-case. */
  authenticate(authorization: string | undefined): Authentication {
    const token = /^bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (token === undefined)
      return { rejected: 'Full authentication is required: send Authorization: bearer <token>' };
    const issued = this.#tokens.get(token);
    if (!issued) return { rejected: 'Invalid access token' };
    if (issued.expiresAt !== undefined && issued.expiresAt <= this.#options.now()) {
      return { rejected: 'Access token expired' };
    }
    return { credential: issued.username };
  }

  /** What `GET /oauth/status` reports for a token already accepted by `authenticate`. */
  status(authorization: string | undefined): { expiration: number; validityInMilliseconds: number } {
    const token = /^bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1] ?? '';
    // A ready token never expires; report it as valid for a year, the spec has no "never".
    const expiresAt = this.#tokens.get(token)?.expiresAt ?? this.#options.now() + 365 * 24 * 3600 * 1000;
    return { expiration: expiresAt, validityInMilliseconds: Math.max(0, expiresAt - this.#options.now()) };
  }

  /** Every token issued so far, ready tokens included, stops working, as when they expire. */
  expireTokens(): void {
    this.#tokens.clear();
  }

  #issue(username: string): TokenGrant {
    const accessToken = randomUUID();
    const refreshToken = randomUUID();
    const expiresInSeconds = this.#options.lifetimeSeconds;
    this.#tokens.set(accessToken, { username, expiresAt: this.#options.now() + expiresInSeconds * 1000 });
    this.#refreshTokens.set(refreshToken, username);
    return { accessToken, refreshToken, expiresInSeconds };
  }
}

/** The client name of a `Basic base64("<name>:")` header, or undefined when it is not one. */
function basicClient(authorization: string | undefined): string | undefined {
  const encoded = /^basic\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (encoded === undefined) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  return decoded.endsWith(':') ? decoded.slice(0, -1) : undefined;
}

function unauthorized(description: string): LoginOutcome {
  return { ok: false, status: 401, error: 'unauthorized', description };
}
