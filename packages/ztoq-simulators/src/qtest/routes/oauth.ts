import type { qtestApi } from '@ztoq/core';
import type { SimRequest, SimResponse, SimulatorServer } from '../../server/simulator-server.js';
import { TOKEN_SCOPE, type TokenAuthority } from '../auth.js';

type OAuthResponse = qtestApi.components['schemas']['OAuthResponse'];
type OAuthTokenStatus = qtestApi.components['schemas']['OAuthTokenStatusVM'];

/**
 * `POST /oauth/token` (public) and `GET /oauth/status`. The spec declares no error bodies for
 * the login; the simulator answers the OAuth 2 error shape `{error, error_description}`.
 */
export function registerOAuthRoutes(server: SimulatorServer, tokens: TokenAuthority): void {
  server.route('POST', '/oauth/token', (request) => login(tokens, request), { isPublic: true });

  server.route('GET', '/oauth/status', (request) => {
    const body: OAuthTokenStatus = tokens.status(request.headers.authorization);
    return { status: 200, body };
  });
}

function login(tokens: TokenAuthority, request: SimRequest): SimResponse {
  const contentType = request.headers['content-type'] ?? '';
  if (!/^application\/x-www-form-urlencoded\b/i.test(contentType)) {
    return {
      status: 400,
      body: {
        error: 'invalid_request',
        error_description: `Content-Type must be application/x-www-form-urlencoded, got "${contentType}"`,
      },
    };
  }
  const outcome = tokens.grant(
    request.headers.authorization,
    new URLSearchParams(request.body.toString('utf8')),
  );
  if (!outcome.ok) {
    return { status: outcome.status, body: { error: outcome.error, error_description: outcome.description } };
  }
  const body: OAuthResponse = {
    access_token: outcome.grant.accessToken,
    token_type: 'bearer',
    refresh_token: outcome.grant.refreshToken,
    expires_in: outcome.grant.expiresInSeconds,
    scope: TOKEN_SCOPE,
  };
  return { status: 200, body };
}
