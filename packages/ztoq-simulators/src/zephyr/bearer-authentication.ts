import type { Authentication, SimRequest } from '../server/simulator-server.js';

/**
 * Zephyr's only scheme: `Authorization: Bearer <token>` with an API key from the Jira UI.
 * The credential handed on (it keys the per-caller rate limit) is the token itself.
 */
export function bearerAuthentication(
  tokens: readonly string[],
): (request: Omit<SimRequest, 'credential'>) => Authentication {
  const known = new Set(tokens);
  return (request) => {
    const header = request.headers.authorization;
    if (header === undefined || header === '') return { rejected: 'Authorization header is missing' };
    const match = /^Bearer (\S+)$/.exec(header);
    if (!match?.[1]) return { rejected: "Authorization header must have the form 'Bearer <token>'" };
    if (!known.has(match[1])) return { rejected: 'The access token is invalid or has expired' };
    return { credential: match[1] };
  };
}
