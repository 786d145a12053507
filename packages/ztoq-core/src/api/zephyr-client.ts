import createClient, { type Client } from 'openapi-fetch';
import type { paths } from '../generated/zephyr-paths.js';
import { secrets } from '../secrets.js';
import { blankProblem, httpUrlProblem, type RequestFetch, throwIfProblems } from './client-options.js';

export type ZephyrPaths = paths;
export type ZephyrClient = Client<ZephyrPaths>;

export interface ZephyrClientOptions {
  /** Includes the API version, e.g. `https://api.zephyrscale.smartbear.com/v2`; spec paths are relative to it. */
  baseUrl: string;
  /** The "Zephyr API key" (a JWT) a user generates in Jira. */
  token: string;
  /** Defaults to `globalThis.fetch`; usually the shared HTTP layer's. */
  fetch?: RequestFetch;
}

export function createZephyrClient({ baseUrl, token, fetch }: ZephyrClientOptions): ZephyrClient {
  throwIfProblems([
    ...httpUrlProblem('ZEPHYR_BASE_URL', baseUrl),
    ...blankProblem('ZEPHYR_API_TOKEN', token),
  ]);
  secrets.add(token);

  const authorization = `Bearer ${token}`;
  const client = createClient<ZephyrPaths>({ baseUrl, fetch });
  // Middleware runs after per-call headers are merged, so no call can send another token by accident.
  client.use({
    onRequest({ request }) {
      request.headers.set('Authorization', authorization);
    },
  });
  return client;
}
