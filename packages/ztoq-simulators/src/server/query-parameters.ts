import { SimHttpError } from './simulator-server.js';

/** A `true`/`false` query parameter; absent or empty means `fallback`, anything else is a 400. */
export function queryBoolean(query: URLSearchParams, name: string, fallback = false): boolean {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw new SimHttpError(400, `${name} must be true or false`);
}

/** A query parameter limited to the values the spec enumerates; absent or empty means undefined. */
export function queryChoice<const T extends string>(
  query: URLSearchParams,
  name: string,
  choices: readonly T[],
): T | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  const choice = choices.find((candidate) => candidate === raw);
  if (choice === undefined) throw new SimHttpError(400, `${name} must be one of ${choices.join(', ')}`);
  return choice;
}
