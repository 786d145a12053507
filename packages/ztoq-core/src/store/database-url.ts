import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../errors.js';
import { secrets } from '../secrets.js';

/** Where the store lives when `ZTOQ_DATABASE_URL` is not set, relative to the working directory. */
export const DEFAULT_STORE_DIRECTORY = '.ztoq/db';

export type DatabaseTarget =
  | { kind: 'pglite-memory' }
  | { kind: 'pglite-directory'; directory: string }
  | {
      kind: 'postgres';
      /** Contains the password, if any: hand it to the driver and nowhere else. */
      connectionString: string;
      host: string;
      port: number;
      database: string | undefined;
    };

const ACCEPTED_FORMS =
  'ZTOQ_DATABASE_URL must be postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE (or postgresql://…), ' +
  'file:PATH for an embedded database in a directory, or memory: for one that is thrown away on exit';

/**
 * Reads `ZTOQ_DATABASE_URL`. Unset (or empty), the store is an embedded PGlite database in
 * `.ztoq/db` under `cwd`. Error messages never repeat the value: it may hold a password.
 */
export function parseDatabaseUrl(url: string | undefined, options: { cwd?: string } = {}): DatabaseTarget {
  const cwd = options.cwd ?? process.cwd();
  const value = url?.trim() ?? '';
  if (value === '') return { kind: 'pglite-directory', directory: resolve(cwd, DEFAULT_STORE_DIRECTORY) };
  if (value === 'memory:') return { kind: 'pglite-memory' };
  if (value.startsWith('file:')) return { kind: 'pglite-directory', directory: parseFilePath(value, cwd) };
  if (/^postgres(ql)?:\/\//i.test(value)) return parsePostgresUrl(value);

  const scheme = /^([a-z][a-z0-9+.-]{0,19}):/i.exec(value)?.[1];
  const got = scheme ? `got a "${scheme}:" URL` : 'got a value without a scheme';
  throw new ConfigError([`${ACCEPTED_FORMS} (${got})`]);
}

function parseFilePath(value: string, cwd: string): string {
  let path: string;
  if (value.startsWith('file://')) {
    try {
      path = fileURLToPath(value);
    } catch {
      throw new ConfigError([`ZTOQ_DATABASE_URL is not a valid file URL; ${ACCEPTED_FORMS}`]);
    }
  } else {
    path = value.slice('file:'.length);
  }
  if (path.trim() === '')
    throw new ConfigError([`ZTOQ_DATABASE_URL names no directory after "file:"; ${ACCEPTED_FORMS}`]);
  return isAbsolute(path) ? path : resolve(cwd, path);
}

function parsePostgresUrl(value: string): DatabaseTarget {
  const malformed = (reason: string) =>
    new ConfigError([`ZTOQ_DATABASE_URL is not a valid PostgreSQL URL (${reason}); ${ACCEPTED_FORMS}`]);
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw malformed('it cannot be parsed as a URL');
  }
  // Register the password before anything else can fail, so no later message can show it.
  registerPassword(parsed.password);
  registerPassword(parsed.searchParams.get('password') ?? '');

  let database: string | undefined;
  try {
    database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || undefined;
  } catch {
    throw malformed('the database name is not valid percent-encoding');
  }
  if (database?.includes('/')) throw malformed('the path must be a single database name');
  // The driver accepts a socket directory in `?host=`, and defaults to localhost like psql.
  const host = parsed.hostname || parsed.searchParams.get('host') || 'localhost';
  const port = parsed.port === '' ? 5432 : Number(parsed.port);
  return { kind: 'postgres', connectionString: value, host, port, database };
}

function registerPassword(raw: string): void {
  if (raw === '') return;
  secrets.add(raw);
  try {
    secrets.add(decodeURIComponent(raw));
  } catch {
    // Not valid percent-encoding: the raw form, registered above, is what appears in text.
  }
}

/** Where the store lives, fit to print: never contains a password. */
export function describeDatabaseTarget(target: DatabaseTarget): string {
  switch (target.kind) {
    case 'pglite-memory':
      return 'PGlite in memory';
    case 'pglite-directory':
      return `PGlite at ${target.directory}`;
    case 'postgres':
      return `PostgreSQL at ${hostAndPort(target)}${target.database ? `/${target.database}` : ''}`;
  }
}

export function hostAndPort(target: { host: string; port: number }): string {
  return `${target.host}:${target.port}`;
}
