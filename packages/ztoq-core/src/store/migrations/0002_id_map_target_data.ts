import type { Kysely } from 'kysely';

/**
 * What a created entity tells later entities besides its id: a qTest test case's step ids,
 * which every test log of its runs needs. Kept on the id-map row, written in the same
 * statement that marks the row done, so an adopted or created entity is never half recorded.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('id_map').addColumn('target_data', 'jsonb').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('id_map').dropColumn('target_data').execute();
}
