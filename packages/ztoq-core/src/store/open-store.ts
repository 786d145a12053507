import { mkdir } from 'node:fs/promises';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  Kysely,
  PGliteDialect,
  PostgresDialect,
  sql,
} from 'kysely';
import { ConfigError, ExitCode, StoreError } from '../errors.js';
import { type Logger, silentLogger } from '../ports/logger.js';
import type { WriterLocks } from '../ports/writer-lock.js';
import {
  type DatabaseTarget,
  describeDatabaseTarget,
  hostAndPort,
  parseDatabaseUrl,
} from './database-url.js';
import { lockDirectory, type ReleaseLock } from './directory-lock.js';
import { KyselyStateStore } from './kysely-state-store.js';
import { migrateToLatest } from './migrate.js';
import { initialiseDataDirectory, pgliteOptions } from './pglite-data-directory.js';
import type { StoreDatabase } from './schema.js';
import { describeFailure, isNetworkFailure, toStoreError } from './store-error.js';
import { InProcessWriterLocks } from './writer-locks/in-process-writer-locks.js';
import { PostgresWriterLocks } from './writer-locks/postgres-writer-locks.js';

/** The store's tables live in their own schema so a shared PostgreSQL database keeps them apart. */
export const DEFAULT_STORE_SCHEMA = 'ztoq';
/** Lower case, no punctuation: the name means the same quoted or not, and is safe to put in `set search_path`. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const CONNECT_TIMEOUT_MS = 10_000;

export interface OpenStateStoreOptions {
  /** `ZTOQ_DATABASE_URL`; unset, an embedded PGlite database in `.ztoq/db` under `cwd`. */
  url?: string;
  /** The PostgreSQL schema for the tables; tests give each suite its own. */
  schema?: string;
  /** Apply pending schema migrations while opening (the default); `ztoq db status` opens without. */
  migrate?: boolean;
  logger?: Logger;
  /** Resolves relative `file:` paths and the default directory; defaults to `process.cwd()`. */
  cwd?: string;
  /**
   * An embedded store is held by one process at a time: wait for the process holding it
   * (until the signal aborts) instead of failing at once.
   */
  waitForLock?: { signal?: AbortSignal; onWait?: (pid: number) => void };
}

/**
 * Connects to the store, brings its schema up to date and returns it. Problems with the
 * URL are `ConfigError`s; an unreachable or unusable database is a one-line `StoreError`.
 */
export async function openStateStore(options: OpenStateStoreOptions = {}): Promise<KyselyStateStore> {
  const logger = options.logger ?? silentLogger;
  const schema = options.schema ?? DEFAULT_STORE_SCHEMA;
  if (!SCHEMA_NAME.test(schema)) {
    throw new ConfigError([
      `the store schema name "${schema}" must be lower-case letters, digits and _, starting with a letter or _`,
    ]);
  }
  const target = parseDatabaseUrl(options.url, { cwd: options.cwd });
  const location = describeDatabaseTarget(target);

  const releaseLock =
    target.kind === 'pglite-directory' ? await prepareDirectory(target.directory, options) : undefined;
  let db: Kysely<StoreDatabase> | undefined;
  try {
    if (target.kind === 'pglite-directory') await initialiseDataDirectory(target.directory);
    const { dialect, writerLocks } = await createDialect(target, schema, logger);
    db = new Kysely<StoreDatabase>({ dialect });
    await sql`select 1`.execute(db).catch((error: unknown) => {
      throw connectionError(target, location, error);
    });
    if (options.migrate ?? true) {
      const applied = await migrateToLatest(db, schema);
      if (applied.length > 0)
        logger.info('applied state store migrations', { location, migrations: applied });
    }
    logger.debug('opened the state store', { location, schema });
    return new KyselyStateStore(db, { location, schema, writerLocks, onClose: releaseLock });
  } catch (error) {
    await db?.destroy().catch(() => undefined);
    await releaseLock?.();
    throw toStoreError(`cannot open the store (${location})`, error);
  }
}

async function prepareDirectory(directory: string, options: OpenStateStoreOptions): Promise<ReleaseLock> {
  try {
    await mkdir(directory, { recursive: true });
  } catch (error) {
    throw toStoreError(`cannot use ${directory} for the store`, error);
  }
  return lockDirectory(directory, options.waitForLock);
}

interface StoreDialect {
  dialect: Dialect;
  writerLocks: WriterLocks & { close(): Promise<void> };
}

async function createDialect(target: DatabaseTarget, schema: string, logger: Logger): Promise<StoreDialect> {
  // Every connection resolves unqualified table names in the store's schema; the name was
  // checked against SCHEMA_NAME, so quoting it is enough.
  const onCreateConnection = async (connection: DatabaseConnection) => {
    await connection.executeQuery(CompiledQuery.raw(`set search_path to "${schema}"`));
  };
  if (target.kind === 'postgres') {
    // Loaded on demand so the embedded default never loads the network driver, and vice versa.
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({
      connectionString: target.connectionString,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      application_name: 'ztoq',
    });
    // An idle connection the server drops must not crash the process; the next query reconnects.
    pool.on('error', (error) =>
      logger.warn('lost an idle PostgreSQL connection', { reason: describeFailure(error) }),
    );
    // The pool listens for errors only on idle clients. A checked-out client whose server goes
    // away between two queries (a restart in the middle of a transaction) emits 'error' with no
    // listener, which would crash the process with a stack trace instead of failing the run with
    // one line. Its next query fails with the reason, and the pool drops it on release.
    pool.on('connect', (client) => {
      client.on('error', (error) =>
        logger.warn('lost a PostgreSQL connection in use', { reason: describeFailure(error) }),
      );
    });
    const writerLocks = new PostgresWriterLocks({
      connectionString: target.connectionString,
      schema,
      pool,
      Client: pg.Client,
      logger,
    });
    return { dialect: new PostgresDialect({ pool, onCreateConnection }), writerLocks };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  // A directory was initialised by initialiseDataDirectory; an in-memory database is created
  // here, initdb's peak included, as it cannot outlive a process of its own.
  const pglite =
    target.kind === 'pglite-memory'
      ? new PGlite(pgliteOptions(PGlite))
      : new PGlite(target.directory, pgliteOptions(PGlite));
  return {
    dialect: new PGliteDialect({ pglite, onCreateConnection }),
    writerLocks: new InProcessWriterLocks(),
  };
}

function connectionError(target: DatabaseTarget, location: string, error: unknown): StoreError {
  const reason = describeFailure(error);
  if (target.kind !== 'postgres')
    return new StoreError(`cannot open ${location}: ${reason}`, ExitCode.failed, { cause: error });
  if (isNetworkFailure(error) || /timeout/i.test(reason)) {
    return new StoreError(`cannot reach PostgreSQL at ${hostAndPort(target)}: ${reason}`, ExitCode.failed, {
      cause: error,
    });
  }
  return new StoreError(`cannot connect to ${location}: ${reason}`, ExitCode.failed, { cause: error });
}
