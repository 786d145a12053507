import type { Kysely } from 'kysely';

/**
 * `id_map.verified_hash`: the written hash (see 0004) the target was last read back and found to
 * hold. A later validate reads back one by one only what was written since (the hashes differ)
 * or failed before; the rest it counts by list reads, so a re-run of an unchanged project does
 * not cost one read per entity.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('id_map').addColumn('verified_hash', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('id_map').dropColumn('verified_hash').execute();
}
