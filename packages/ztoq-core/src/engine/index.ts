export { buildCensus, valueKind } from './build-census.js';
export { createMigration, type Migration, type MigrationInit } from './create-migration.js';
export { interruptOnSignals, type SignalInterrupt } from './interrupt-on-signals.js';
export type { MigrationEventMap, MigrationEventName, MigrationListener } from './migration-events.js';
export {
  type ConfiguredMigration,
  type MigrationFromConfigInput,
  migrationFromConfig,
} from './migration-from-config.js';
export { type MigrationOptions, ON_TARGET_EDIT_CHOICES, type OnTargetEdit } from './migration-options.js';
export type * from './migration-result.js';
export { emptyMigrationResult } from './migration-result.js';
export { type MigrationStatusReport, migrationStatus, type PhaseState } from './migration-status.js';
export type { FieldChange, PlannedUpdate } from './plan-diff.js';
export { startTimeBudget, type TimeBudget } from './time-budget.js';
export { PreflightError } from './transform-phase.js';
