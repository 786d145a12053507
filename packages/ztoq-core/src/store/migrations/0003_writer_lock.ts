import { type Kysely, sql } from 'kysely';

/**
 * Who holds a project's writer lock. The lock itself is a PostgreSQL advisory lock; this row
 * only names its holder for the run that is refused, and the token lets the holder delete its
 * own row and no one else's. A row left by a killed holder is overwritten by the next one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('writer_lock')
    .addColumn('project_key', 'text', (column) => column.primaryKey())
    .addColumn('holder', 'jsonb', (column) => column.notNull())
    .addColumn('token', 'text', (column) => column.notNull())
    .addColumn('acquired_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('writer_lock').execute();
}
