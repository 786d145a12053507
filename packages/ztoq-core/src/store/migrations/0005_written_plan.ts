import type { Kysely } from 'kysely';

/**
 * `id_map.written_plan`: what ztoq last wrote to the target for the entity (the plan's body,
 * references and marker), set in the statement that confirms a create, adoption or update. It
 * is the "old" side of `plan`'s per-field diff and what a run compares the target with to tell
 * a hand edit in the target from ztoq's own write. Rows written before this column existed
 * keep `null`: their plans show no field diff and their target is not checked for hand edits
 * until they are next written.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('id_map').addColumn('written_plan', 'jsonb').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('id_map').dropColumn('written_plan').execute();
}
