import type { ColumnType } from 'kysely';
import type { JsonValue } from '../ports/state-store.js';

/**
 * The tables as kysely sees them. JSON columns are written as canonical JSON text (so the
 * stored bytes are the hashed bytes, and `pg` never mistakes an array for a PostgreSQL
 * array) and read back parsed. Identity and count columns come back as strings from `pg`
 * and as numbers from PGlite; the store converts them.
 */
type Json<T = JsonValue> = ColumnType<T, string, string>;
type NullableJson<T = JsonValue> = ColumnType<T | null, string | null | undefined, string | null>;
/** Set by the server: a column default on insert, `now()` in updates; never a JavaScript clock. */
type ServerTime = ColumnType<Date, never, Date>;
type ServerTimeOrNull = ColumnType<Date | null, never, Date | null>;
type Identity = ColumnType<string | number, never, never>;

export interface MigrationRunTable {
  id: string;
  seq: Identity;
  migration_id: string;
  project_key: string;
  target_project_id: string | null;
  phase: string;
  status: string;
  options: Json;
  summary: NullableJson;
  error: string | null;
  started_at: ServerTime;
  finished_at: ServerTimeOrNull;
}

export interface SourceEntityTable {
  project_key: string;
  entity_type: string;
  source_id: string;
  payload: Json;
  content_hash: string;
  first_extracted_at: ServerTime;
  changed_at: ServerTime;
  seen_pass: string | null;
  removed_at: ColumnType<Date | null, never, Date | null>;
}

export interface TransformedEntityTable {
  project_key: string;
  entity_type: string;
  source_id: string;
  payload: Json;
  content_hash: string;
  source_hash: string;
  transformed_at: ServerTime;
  planned_run: string | null;
  removed_at: ColumnType<Date | null, never, Date | null>;
}

export interface IdMapTable {
  project_key: string;
  entity_type: string;
  source_id: string;
  state: string;
  target_id: string | null;
  content_hash: string | null;
  target_data: NullableJson;
  run_id: string | null;
  updated_at: ServerTime;
  written_hash: string | null;
  updating_hash: string | null;
  verified_hash: string | null;
  written_plan: NullableJson;
}

export interface StreamCheckpointTable {
  project_key: string;
  stream: string;
  cursor: Json;
  saved_at: ServerTime;
}

export interface EntityFailureTable {
  project_key: string;
  phase: string;
  entity_type: string;
  source_id: string;
  run_id: string;
  attempts: number;
  last_error: string;
  first_failed_at: ServerTime;
  last_failed_at: ServerTime;
}

export interface RunEventTable {
  id: Identity;
  run_id: string;
  kind: string;
  phase: string | null;
  entity_type: string | null;
  counts: NullableJson<Record<string, number>>;
  message: string | null;
  created_at: ServerTime;
}

export interface StoreDatabase {
  migration_run: MigrationRunTable;
  source_entity: SourceEntityTable;
  transformed_entity: TransformedEntityTable;
  id_map: IdMapTable;
  stream_checkpoint: StreamCheckpointTable;
  entity_failure: EntityFailureTable;
  run_event: RunEventTable;
}
