import { badRequest } from './zephyr-errors.js';

/**
 * Readers of the spec's query parameters. A value of the wrong type is a 400 in the spec's
 * `Error` shape naming the parameter, as the service's request validation answers; an absent
 * or empty parameter is "not given".
 */

export function integerParameter(query: URLSearchParams, name: string, minimum: number): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  return parseInteger(raw, name, minimum);
}

/** A path parameter the spec types as an integer, e.g. `folderId` or `version`. */
export function parseInteger(raw: string, name: string, minimum: number): number {
  if (!/^[0-9]+$/.test(raw) || Number(raw) < minimum || !Number.isSafeInteger(Number(raw))) {
    throw badRequest(`${name} must be an integer greater than or equal to ${minimum}`);
  }
  return Number(raw);
}

/** RFC 3339 date-time; the spec documents `yyyy-MM-dd'T'HH:mm:ss'Z'`, offsets and fractions are read too. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** A date-time parameter as epoch milliseconds. */
export function dateTimeParameter(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  const time = DATE_TIME.test(raw) ? Date.parse(raw) : Number.NaN;
  if (Number.isNaN(time)) throw badRequest(`${name} must be a date-time like 2024-01-31T12:00:00Z`);
  return time;
}

export function stringParameter(query: URLSearchParams, name: string): string | undefined {
  const raw = query.get(name);
  return raw === null || raw === '' ? undefined : raw;
}
