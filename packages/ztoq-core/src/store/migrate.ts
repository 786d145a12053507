import type { Kysely } from 'kysely';
import { Migrator } from 'kysely/migration';
import { ExitCode, StoreError } from '../errors.js';
import { storeMigrations } from './migrations/index.js';
import type { StoreDatabase } from './schema.js';
import { describeFailure } from './store-error.js';

export interface AppliedMigration {
  name: string;
  appliedAt: Date;
}

/** What `ztoq db status` shows. */
export interface MigrationStatus {
  applied: AppliedMigration[];
  /** Known to this version of ztoq but not yet applied, in the order they will apply. */
  pending: string[];
}

function migratorFor(db: Kysely<StoreDatabase>, schema: string): Migrator {
  return new Migrator({
    db,
    provider: storeMigrations,
    // Without a schema kysely looks for its bookkeeping tables in every schema of the database.
    migrationTableSchema: schema,
  });
}

/**
 * Applies every pending migration in one transaction and returns their names; a failure
 * leaves the schema as it was.
 */
export async function migrateToLatest(db: Kysely<StoreDatabase>, schema: string): Promise<string[]> {
  const { error, results = [] } = await migratorFor(db, schema).migrateToLatest();
  if (error !== undefined) {
    const missing = /previously executed migration (\S+) is missing/.exec(describeFailure(error))?.[1];
    if (missing) {
      throw new StoreError(
        `the store's schema was written by a newer ztoq (it has migration ${missing}, unknown to this version); upgrade ztoq`,
        ExitCode.failed,
        { cause: error },
      );
    }
    const failed = results.find((result) => result.status === 'Error')?.migrationName;
    throw new StoreError(
      `cannot migrate the store's schema${failed ? ` (migration ${failed})` : ''}: ${describeFailure(error)}`,
      ExitCode.failed,
      { cause: error },
    );
  }
  return results.filter((result) => result.status === 'Success').map((result) => result.migrationName);
}

export async function readMigrationStatus(
  db: Kysely<StoreDatabase>,
  schema: string,
): Promise<MigrationStatus> {
  const migrations = await migratorFor(db, schema).getMigrations();
  const applied: AppliedMigration[] = [];
  const pending: string[] = [];
  for (const { name, executedAt } of migrations) {
    if (executedAt) applied.push({ name, appliedAt: executedAt });
    else pending.push(name);
  }
  return { applied, pending };
}
