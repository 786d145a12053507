export type * from '../ports/state-store.js';
export { MAX_BIND_PARAMETERS } from './batching.js';
export { canonicalJson, contentHash } from './content-hash.js';
export {
  type DatabaseTarget,
  DEFAULT_STORE_DIRECTORY,
  describeDatabaseTarget,
  parseDatabaseUrl,
} from './database-url.js';
export { LOCK_FILE_NAME } from './directory-lock.js';
export { KyselyStateStore } from './kysely-state-store.js';
export type { AppliedMigration, MigrationStatus } from './migrate.js';
export { DEFAULT_STORE_SCHEMA, type OpenStateStoreOptions, openStateStore } from './open-store.js';
