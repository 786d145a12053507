import type { MigrationProvider } from 'kysely/migration';
import * as initial from './0001_initial.js';
import * as idMapTargetData from './0002_id_map_target_data.js';
import * as writerLock from './0003_writer_lock.js';
import * as sourceChanges from './0004_source_changes.js';
import * as writtenPlan from './0005_written_plan.js';
import * as verifiedContent from './0006_verified_content.js';

/**
 * Every migration, listed by hand rather than discovered on disk, so the schema travels
 * inside a bundled CLI. Names sort in the order they apply; never rename or edit a
 * migration that has shipped, add a new one.
 */
export const storeMigrations: MigrationProvider = {
  async getMigrations() {
    return {
      '0001_initial': initial,
      '0002_id_map_target_data': idMapTargetData,
      '0003_writer_lock': writerLock,
      '0004_source_changes': sourceChanges,
      '0005_written_plan': writtenPlan,
      '0006_verified_content': verifiedContent,
    };
  },
};
