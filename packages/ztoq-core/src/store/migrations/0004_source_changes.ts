import type { Kysely } from 'kysely';

/**
 * What a later run needs to carry edits and notice deletions:
 * - `source_entity.seen_pass` / `removed_at`: the extract pass that last listed the entity; an
 *   entity a complete pass did not list is gone from the source and is marked removed, not
 *   deleted, so the report can still name it (and it comes back if the source lists it again).
 * - `transformed_entity.planned_run` / `removed_at`: the same one level down, for target entities
 *   no source entity plans any more (a run none of whose executions are left).
 * - `id_map.written_hash`: the hash of what was written (body, references, marker), so a change
 *   of a report label alone is no update; `id_map.updating_hash`: the same hash of an update
 *   sent and not yet confirmed; a resumed run reads the entity back before sending it again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('source_entity')
    .addColumn('seen_pass', 'text')
    .addColumn('removed_at', 'timestamptz')
    .execute();
  await db.schema
    .alterTable('transformed_entity')
    .addColumn('planned_run', 'text')
    .addColumn('removed_at', 'timestamptz')
    .execute();
  await db.schema
    .alterTable('id_map')
    .addColumn('written_hash', 'text')
    .addColumn('updating_hash', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('id_map').dropColumn('updating_hash').dropColumn('written_hash').execute();
  await db.schema
    .alterTable('transformed_entity')
    .dropColumn('planned_run')
    .dropColumn('removed_at')
    .execute();
  await db.schema.alterTable('source_entity').dropColumn('seen_pass').dropColumn('removed_at').execute();
}
