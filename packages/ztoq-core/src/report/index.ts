export { type BuildMigrationReportOptions, buildMigrationReport } from './build-migration-report.js';
export { displayKey } from './display-key.js';
export * from './migration-report.js';
export { reportEntityPages, SKIPPED_PREFIX } from './report-entity-pages.js';
