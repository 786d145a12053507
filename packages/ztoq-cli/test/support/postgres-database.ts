import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** CI starts this server; when it is down these tests fail rather than skip. */
const SERVER_URL = process.env.ZTOQ_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  /** What ZTOQ_DATABASE_URL is set to: the CLI's default schema in a database of this test's own. */
  url: string;
  name: string;
  /** Runs one query on the server as the test's superuser, outside the CLI. */
  query(text: string, values?: unknown[]): Promise<pg.QueryResult>;
  drop(): Promise<void>;
}

/**
 * A database of its own for a test that runs the CLI on PostgreSQL: the CLI uses the default
 * schema, so a shared database would mix the state of concurrent test files.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `ztoq_cli_${randomBytes(5).toString('hex')}`;
  const query = async (text: string, values?: unknown[]) => {
    const client = new pg.Client({ connectionString: SERVER_URL });
    await client.connect();
    try {
      return await client.query(text, values);
    } finally {
      await client.end();
    }
  };
  await query(`create database "${name}"`);
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    query,
    drop: async () => {
      await query(`drop database if exists "${name}" with (force)`);
    },
  };
}
