import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type KyselyStateStore, openStateStore } from '../../src/store/index.js';

/** CI starts this server; when it is down the PostgreSQL variants fail rather than skip. */
export const POSTGRES_TEST_URL =
  process.env.ZTOQ_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface OpenedTestStore {
  store: KyselyStateStore;
  schema: string;
  /** Closes the store and drops whatever it created. */
  dispose(): Promise<void>;
}

export interface StoreTarget {
  name: string;
  url: string;
  open(options?: { migrate?: boolean }): Promise<OpenedTestStore>;
}

/** A schema name no other test (or concurrent test run) uses. */
export function uniqueSchemaName(): string {
  return `ztoq_test_${randomBytes(6).toString('hex')}`;
}

export async function withPostgresClient<T>(use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_TEST_URL });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

export const pgliteTarget: StoreTarget = {
  name: 'PGlite',
  url: 'memory:',
  async open(options = {}) {
    const schema = uniqueSchemaName();
    const store = await openStateStore({ url: 'memory:', schema, ...options });
    return { store, schema, dispose: () => store.close() };
  },
};

export const postgresTarget: StoreTarget = {
  name: 'PostgreSQL',
  url: POSTGRES_TEST_URL,
  async open(options = {}) {
    const schema = uniqueSchemaName();
    const store = await openStateStore({ url: POSTGRES_TEST_URL, schema, ...options });
    return {
      store,
      schema,
      async dispose() {
        await store.close();
        await withPostgresClient((client) => client.query(`drop schema if exists "${schema}" cascade`));
      },
    };
  },
};

export const storeTargets: readonly StoreTarget[] = [pgliteTarget, postgresTarget];
