/**
 * The Zephyr Scale Cloud → qTest pair as a preset: configuration (environment, config file) to a
 * ready migration with both adapters, the store and the notifiers. The engine knows neither vendor.
 */
export {
  type ConfiguredMigration,
  type MigrationFromConfigInput,
  migrationFromConfig,
} from './migration-from-config.js';
