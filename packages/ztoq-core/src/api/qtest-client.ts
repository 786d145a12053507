import createClient, { type Client } from 'openapi-fetch';
import type { paths } from '../generated/qtest-paths.js';
import type { RequestFetch } from './client-options.js';
import { createQTestTokenProvider, type QTestAuth, type QTestTokenProvider } from './qtest-auth.js';

export type QTestPaths = paths;
export type QTestClient = Client<QTestPaths>;

export interface QTestClientOptions {
  /** The site root, e.g. `https://apitryout.qtestnet.com`; spec paths already start with `/api/v3/…`. */
  baseUrl: string;
  auth: QTestAuth;
  /** Defaults to `globalThis.fetch`; usually the shared HTTP layer's. The login goes through it too. */
  fetch?: RequestFetch;
}

export function createQTestClient({
  baseUrl,
  auth,
  fetch = globalThis.fetch,
}: QTestClientOptions): QTestClient {
  const tokens = createQTestTokenProvider({ baseUrl, auth, fetch });
  return createClient<QTestPaths>({ baseUrl, fetch: authorizingFetch(fetch, tokens) });
}

/**
 * Adds the Authorization header to every request. When qTest answers 401 and the credentials
 * can be renewed, the request is replayed once with the new header; a second 401 is returned
 * as is, so a refused token never loops.
 */
function authorizingFetch(fetch: RequestFetch, tokens: QTestTokenProvider): RequestFetch {
  return async (request) => {
    // A body can be read only once, and sending the request reads it: keep a copy for the replay.
    const replay = request.clone();
    const authorization = await tokens.getAuthorization();
    const response = await fetch(withAuthorization(request, authorization));
    if (response.status !== 401) return response;

    const renewed = await tokens.refresh(authorization);
    if (renewed === undefined) return response;
    // Nobody will read the refused answer; release its connection.
    await response.body?.cancel();
    return fetch(withAuthorization(replay, renewed));
  };
}

function withAuthorization(request: Request, authorization: string): Request {
  const authorized = new Request(request);
  authorized.headers.set('Authorization', authorization);
  return authorized;
}
