import { type Kysely, sql } from 'kysely';

/**
 * The first schema. Migrations see an untyped database on purpose: they must keep working
 * as `schema.ts` moves on.
 *
 * Vendor ids use the "C" collation so keyset pages come back in byte order on every server,
 * whatever its default locale.
 */
const vendorId = sql`text collate "C"`;
const serverNow = sql`now()`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('migration_run')
    .addColumn('id', 'text', (column) => column.primaryKey())
    // Orders runs even when two start within the same clock tick.
    .addColumn('seq', 'bigint', (column) => column.generatedAlwaysAsIdentity().notNull())
    .addColumn('migration_id', 'text', (column) => column.notNull())
    .addColumn('project_key', 'text', (column) => column.notNull())
    .addColumn('target_project_id', vendorId)
    .addColumn('phase', 'text', (column) => column.notNull())
    .addColumn('status', 'text', (column) =>
      column.notNull().check(sql`status in ('running', 'succeeded', 'partial', 'failed', 'interrupted')`),
    )
    .addColumn('options', 'jsonb', (column) => column.notNull())
    .addColumn('summary', 'jsonb')
    .addColumn('error', 'text')
    .addColumn('started_at', 'timestamptz', (column) => column.notNull().defaultTo(serverNow))
    .addColumn('finished_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('migration_run_by_project')
    .on('migration_run')
    .columns(['project_key', 'seq'])
    .execute();
  await db.schema
    .createIndex('migration_run_by_migration')
    .on('migration_run')
    .columns(['migration_id', 'seq'])
    .execute();

  await db.schema
    .createTable('source_entity')
    .addColumn('project_key', 'text', (column) => column.notNull())
    .addColumn('entity_type', 'text', (column) => column.notNull())
    .addColumn('source_id', vendorId, (column) => column.notNull())
    .addColumn('payload', 'jsonb', (column) => column.notNull())
    .addColumn('content_hash', 'text', (column) => column.notNull())
    .addColumn('first_extracted_at', 'timestamptz', (column) => column.notNull().defaultTo(serverNow))
    .addColumn('changed_at', 'timestamptz', (column) => column.notNull().defaultTo(serverNow))
    .addPrimaryKeyConstraint('source_entity_pk', ['project_key', 'entity_type', 'source_id'])
    .execute();

  await db.schema
    .createTable('transformed_entity')
    .addColumn('project_key', 'text', (column) => column.notNull())
    .addColumn('entity_type', 'text', (column) => column.notNull())
    .addColumn('source_id', vendorId, (column) => column.notNull())
    .addColumn('payload', 'jsonb', (column) => column.notNull())
    .addColumn('content_hash', 'text', (column) => column.notNull())
    .addColumn('source_hash', 'text', (column) => column.notNull())
    .addColumn('transformed_at', 'timestamptz', (column) => column.notNull().defaultTo(serverNow))
    .addPrimaryKeyConstraint('transformed_entity_pk', ['project_key', 'entity_type', 'source_id'])
    .execute();

  await db.schema
    .createTable('id_map')
    .addColumn('project_key', 'text', (column) => column.notNull())
    .addColumn('entity_type', 'text', (column) => column.notNull())
    .addColumn('source_id', vendorId, (column) => column.notNull())
    .addColumn('state', 'text', (column) =>
      column.notNull().check(sql`state in ('pending', 'done', 'failed')`),
    )
    .addColumn('target_id', vendorId)
    .addColumn('content_hash', 'text')
    .addColumn('run_id', 'text', (column) => column.references('migration_run.id'))
    .addColumn('updated_at', 'timestamptz', (column) => column.notNull().defaultTo(serverNow))
    .addPrimaryKeyConstraint('id_map_pk', ['project_key', 'entity_type', 'source_id'])
    // A `done` row must say where the entity went.
    .addCheckConstraint('id_map_done_has_target', sql`state <> 'done' or target_id is not null`)
    .execute();
  // Resume lists the `pending` rows of a type; reports count rows by state.
  await db.schema
    .createIndex('id_map_by_state')
    .on('id_map')
    .columns(['project_key', 'entity_type', 'state', 'source_id'])
    .execute();

  await db.schema
    .createTable('stream_checkpoint')
    .addColumn('project_key', 'text', (column) => column.notNull())
    .addColumn('stream', 'text', (column) => column.notNull())
    .addColumn('cursor', 'jsonb', (column) => column.notNull())
    .addColumn('saved_at', 'timestamptz', (column) => column.notNull().defaultTo(serverNow))
    .addPrimaryKeyConstraint('stream_checkpoint_pk', ['project_key', 'stream'])
    .execute();

  await db.schema
    .createTable('entity_failure')
    .addColumn('project_key', 'text', (column) => column.notNull())
    .addColumn('phase', 'text', (column) => column.notNull())
    .addColumn('entity_type', 'text', (column) => column.notNull())
    .addColumn('source_id', vendorId, (column) => column.notNull())
    .addColumn('run_id', 'text', (column) => column.notNull().references('migration_run.id'))
    .addColumn('attempts', 'integer', (column) => column.notNull())
    .addColumn('last_error', 'text', (column) => column.notNull())
    .addColumn('first_failed_at', 'timestamptz', (column) => column.notNull().defaultTo(serverNow))
    .addColumn('last_failed_at', 'timestamptz', (column) => column.notNull().defaultTo(serverNow))
    .addPrimaryKeyConstraint('entity_failure_pk', ['project_key', 'phase', 'entity_type', 'source_id'])
    .execute();

  await db.schema
    .createTable('run_event')
    .addColumn('id', 'bigint', (column) => column.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('run_id', 'text', (column) => column.notNull().references('migration_run.id'))
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('phase', 'text')
    .addColumn('entity_type', 'text')
    .addColumn('counts', 'jsonb')
    .addColumn('message', 'text')
    // The moment of the insert, not of the transaction's start, so events keep their own times.
    .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`clock_timestamp()`))
    .execute();
  await db.schema.createIndex('run_event_by_run').on('run_event').columns(['run_id', 'id']).execute();
}
