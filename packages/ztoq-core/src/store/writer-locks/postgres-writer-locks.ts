import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { ExitCode, StoreError } from '../../errors.js';
import type { Logger } from '../../ports/logger.js';
import type {
  AcquireWriterLockOptions,
  WriterLock,
  WriterLockHolder,
  WriterLocks,
} from '../../ports/writer-lock.js';
import { describeFailure } from '../store-error.js';
import { lockKeyHalves, writerLockKey } from './lock-key.js';
import { acquireOrRefuse } from './wait-for-lock.js';

/** How often a held lock's session is checked; a dead server is noticed within about this. */
const HEARTBEAT_MS = 5_000;
const CONNECT_TIMEOUT_MS = 10_000;

export interface PostgresWriterLocksInit {
  connectionString: string;
  /** Checked by the store against its name pattern, so it can be quoted into SQL. */
  schema: string;
  /** The store's pool, for reading who holds a lock. */
  pool: pg.Pool;
  Client: typeof pg.Client;
  logger: Logger;
}

/**
 * Writer locks as PostgreSQL session-level advisory locks, each on a connection of its own
 * that does nothing else. The server releases the lock the moment that session ends, so a run
 * killed with SIGKILL frees its project within seconds, with no lease to expire; a run whose
 * session is lost (server restart, network) learns it through `lost` and stops writing.
 * Who holds the lock is kept beside it in `writer_lock`, written through the locked session.
 */
export class PostgresWriterLocks implements WriterLocks {
  readonly #init: PostgresWriterLocksInit;
  readonly #held = new Set<HeldLock>();

  constructor(init: PostgresWriterLocksInit) {
    this.#init = init;
  }

  acquireWriterLock(
    projectKey: string,
    holder: WriterLockHolder,
    options: AcquireWriterLockOptions = {},
  ): Promise<WriterLock> {
    const key = writerLockKey(this.#init.schema, projectKey);
    return acquireOrRefuse(
      projectKey,
      options,
      () => this.#tryLock(projectKey, key, holder),
      () => this.writerLockHolder(projectKey),
    );
  }

  async writerLockHolder(projectKey: string): Promise<WriterLockHolder | undefined> {
    const { classid, objid } = lockKeyHalves(writerLockKey(this.#init.schema, projectKey));
    try {
      const held = await this.#init.pool.query(
        `select 1 from pg_locks where locktype = 'advisory' and granted and objsubid = 1
           and database = (select oid from pg_database where datname = current_database())
           and classid = $1::oid and objid = $2::oid`,
        [classid, objid],
      );
      if (held.rowCount === 0) return undefined;
      const rows = await this.#init.pool.query<{ holder: WriterLockHolder }>(
        `select holder from "${this.#init.schema}".writer_lock where project_key = $1`,
        [projectKey],
      );
      return rows.rows[0]?.holder;
    } catch (error) {
      throw new StoreError(
        `cannot read the writer lock of project ${projectKey}: ${describeFailure(error)}`,
        ExitCode.failed,
        {
          cause: error,
        },
      );
    }
  }

  /** Ends every lock session this process still holds (a store closed mid-run). */
  async close(): Promise<void> {
    await Promise.all([...this.#held].map((lock) => lock.release()));
  }

  async #tryLock(projectKey: string, key: bigint, holder: WriterLockHolder): Promise<WriterLock | undefined> {
    const { Client, connectionString, schema, logger } = this.#init;
    const client = new Client({
      connectionString,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      keepAlive: true,
      application_name: 'ztoq writer lock',
    });
    // Until the lock is ours an error only fails this attempt; afterwards it marks the lock lost.
    let onLost: ((reason: string) => void) | undefined;
    client.on('error', (error) => onLost?.(describeFailure(error)));
    client.on('end', () => onLost?.('the connection was closed'));
    try {
      await client.connect();
      const taken = await client.query<{ locked: boolean }>(
        'select pg_try_advisory_lock($1::bigint) as locked',
        [String(key)],
      );
      if (!taken.rows[0]?.locked) {
        await client.end().catch(() => undefined);
        return undefined;
      }
      const token = randomUUID();
      await client.query(
        `insert into "${schema}".writer_lock (project_key, holder, token) values ($1, $2, $3)
         on conflict (project_key) do update set holder = excluded.holder, token = excluded.token, acquired_at = now()`,
        [projectKey, JSON.stringify(holder), token],
      );
      const lock = new HeldLock(projectKey, client, key, token, schema, () => this.#held.delete(lock));
      onLost = (reason) => {
        logger.warn('lost the writer lock', { projectKey, reason });
        lock.markLost(reason);
      };
      this.#held.add(lock);
      return lock;
    } catch (error) {
      await client.end().catch(() => undefined);
      throw new StoreError(
        `cannot take the writer lock of project ${projectKey}: ${describeFailure(error)}`,
        ExitCode.failed,
        {
          cause: error,
        },
      );
    }
  }
}

class HeldLock implements WriterLock {
  readonly projectKey: string;
  readonly #client: pg.Client;
  readonly #key: bigint;
  readonly #token: string;
  readonly #schema: string;
  readonly #forget: () => void;
  readonly #lost = new AbortController();
  readonly #heartbeat: NodeJS.Timeout;
  #released: Promise<void> | undefined;

  constructor(
    projectKey: string,
    client: pg.Client,
    key: bigint,
    token: string,
    schema: string,
    forget: () => void,
  ) {
    this.projectKey = projectKey;
    this.#client = client;
    this.#key = key;
    this.#token = token;
    this.#schema = schema;
    this.#forget = forget;
    // A server that stops answering never closes the socket; a query on the lock's own
    // session every few seconds finds out, and a dead server fails it.
    this.#heartbeat = setInterval(() => {
      this.#client.query('select 1').catch((error: unknown) => this.markLost(describeFailure(error)));
    }, HEARTBEAT_MS);
    this.#heartbeat.unref();
  }

  get lost(): AbortSignal {
    return this.#lost.signal;
  }

  markLost(reason: string): void {
    if (this.#released || this.#lost.signal.aborted) return;
    clearInterval(this.#heartbeat);
    this.#lost.abort(
      new StoreError(
        `lost the writer lock of project ${this.projectKey} (${reason}); stopped so that no other run writes beside this one`,
      ),
    );
  }

  async identify(migrationId: string): Promise<void> {
    await this.#client.query(
      `update "${this.#schema}".writer_lock set holder = holder || jsonb_build_object('migrationId', $3::text)
        where project_key = $1 and token = $2`,
      [this.projectKey, this.#token, migrationId],
    );
  }

  release(): Promise<void> {
    this.#released ??= this.#release();
    return this.#released;
  }

  async #release(): Promise<void> {
    clearInterval(this.#heartbeat);
    this.#forget();
    if (!this.#lost.signal.aborted) {
      try {
        await this.#client.query(
          `delete from "${this.#schema}".writer_lock where project_key = $1 and token = $2`,
          [this.projectKey, this.#token],
        );
        await this.#client.query('select pg_advisory_unlock($1::bigint)', [String(this.#key)]);
      } catch {
        // Ending the session below releases the lock all the same.
      }
    }
    await this.#client.end().catch(() => undefined);
  }
}
