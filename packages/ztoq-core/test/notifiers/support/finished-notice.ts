import { emptyMigrationResult, type MigrationNotice } from '../../../src/index.js';

/** A partial re-run of DEMO with creates, an update, removed cases, failures and lossy notes, as the engine would report it. */
export function finishedNotice(reportFiles: string[] = []): MigrationNotice {
  const result = emptyMigrationResult({
    runId: 'run-7',
    migrationId: 'mig-42',
    projectKey: 'DEMO',
    targetProjectId: '1001',
    phase: 'all',
    dryRun: false,
  });
  result.status = 'partial';
  result.startedAt = '2026-01-01T10:00:00.000Z';
  result.finishedAt = '2026-01-01T10:02:05.000Z';
  result.load = {
    'test-case': { planned: 10, created: 7, adopted: 0, updated: 1, unchanged: 1, failed: 1, skipped: 0 },
    'test-cycle': { planned: 2, created: 2, adopted: 0, updated: 0, unchanged: 0, failed: 0, skipped: 0 },
  };
  result.failures = { load: 1 };
  result.removedInSource = { 'test-case': 2, module: 0 };
  result.lossy = { 'older-versions': { entities: 3, total: 4, examples: [] } };
  return { kind: 'run-finished', result, reportFiles };
}
