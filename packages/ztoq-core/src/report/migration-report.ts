import type { PhaseOutcome, TargetEdit } from '../engine/migration-result.js';
import type { MigrationPhase, RunPhase, RunStatus } from '../ports/state-store.js';
import type { LossyKind } from '../ports/target.js';

/**
 * Bumped whenever a field changes meaning or disappears, so that whoever audits a stored
 * `report.json` knows which shape they hold. Adding a field does not bump it.
 */
export const MIGRATION_REPORT_VERSION = 1;

/**
 * Everything a migration did, read back from the store: what reporters render and what
 * `report.json` holds. Built from the runs of one migration (their summaries and events) and
 * from the store's current state of the project (entity counts, id map, open failures), so a
 * report written after a run that failed half way, or long after, is still complete.
 */
export interface MigrationReport {
  reportVersion: typeof MIGRATION_REPORT_VERSION;
  generatedAt: string;
  projectKey: string;
  /** null when no migration of the project has run yet. */
  migrationId: string | null;
  /** The qTest project id, from the latest run that talked to qTest. */
  qtestProjectId: string | null;
  /** How the latest run of the migration ended (`not run` when none has). */
  status: RunStatus | 'not run';
  /** The latest run's exit code; null when it never finished. */
  exitCode: number | null;
  /** The latest run's error line. */
  error: string | null;
  /** The latest run was a dry run: nothing was written to qTest. */
  dryRun: boolean;
  /** When the first run started and the latest one finished. */
  startedAt: string | null;
  finishedAt: string | null;
  /** Time spent in runs, summed: phases run days apart do not count the days between. */
  durationMs: number;
  /** Oldest first. */
  runs: ReportRun[];
  /** Every phase every run went through, in order. */
  phases: ReportPhase[];
  /** Canonical (Zephyr-side) entities in the store, by type. */
  extracted: ReportCount[];
  /** Per qTest entity type. */
  entities: ReportEntityCounts[];
  validation: ReportValidation;
  /** Test execution results by status name: Zephyr's as extracted, qTest's as read back in validation. */
  executionStatus: { source: ReportCount[]; target: ReportCount[] };
  lossy: ReportLossy[];
  /**
   * What the reader must be told once: source limitations (Zephyr's API cannot export
   * attachments), and that test cases updated in place became a new version in qTest.
   */
  notices: string[];
  /** Entities ztoq wrote to qTest whose source is gone from Zephyr: kept in qTest, never deleted. */
  removedInSource: ReportRemovedEntity[];
  /** Entities the latest loading run found edited in qTest since ztoq wrote them (kept or overwritten). */
  targetEdits: TargetEdit[];
  failures: { total: number; byPhase: Record<string, number>; items: ReportFailure[] };
  /** Requests per API, summed over the runs. */
  http: ReportApi[];
  throughput: ReportThroughput;
}

export interface ReportCount {
  name: string;
  count: number;
}

export interface ReportRun {
  runId: string;
  phase: RunPhase;
  status: RunStatus;
  dryRun: boolean;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  exitCode: number | null;
  error: string | null;
}

export interface ReportPhase {
  runId: string;
  phase: MigrationPhase;
  /** `running` when the process died during the phase and nothing ended it. */
  status: PhaseOutcome['status'] | 'running';
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  counts: Record<string, number>;
}

export interface ReportEntityCounts {
  type: string;
  /** Planned by the transform. */
  transformed: number;
  /** In qTest with a confirmed id (created, adopted or done earlier). */
  loaded: number;
  /** Created by this migration's runs. */
  created: number;
  /** Found already in qTest after an unconfirmed create and taken over on resume. */
  alreadyPresent: number;
  /** Written by an earlier migration, changed in Zephyr since, and written over by this one. */
  updated: number;
  /** Written by an earlier migration and unchanged since, as the latest load found them: nothing was sent. */
  unchanged: number;
  /** In qTest, and gone from Zephyr: listed in `removedInSource`, never deleted. */
  removedInSource: number;
  /** Not attempted because something they depend on is not loaded (open failures). */
  skipped: number;
  /** Refused by qTest (open failures). */
  failed: number;
  /** Sent but never confirmed: the next run looks them up before creating again. */
  pending: number;
}

export interface ReportRemovedEntity {
  type: string;
  sourceId: string;
  /** The source id as people write it. */
  sourceKey: string;
  targetId: string | null;
  /** The label it was last planned with (key and name). */
  label: string;
  /** When a transform first found it no longer planned. */
  removedAt: string;
}

export interface ReportValidation {
  /** Whether any run of the migration validated. */
  ran: boolean;
  types: ReportValidationType[];
  /** Every entity validation found missing or different, from the open validate failures. */
  mismatches: ReportFailure[];
}

export interface ReportValidationType {
  type: string;
  /** Planned from the source. */
  expected: number;
  /** Found in the target: read back, or `listed`. */
  found: number;
  /** Of `found`, unchanged since an earlier validate matched them: seen in the target's list reads, not read back. */
  listed: number;
  missing: number;
  mismatched: number;
  notLoaded: number;
}

export interface ReportLossy {
  kind: LossyKind;
  entities: number;
  total: number;
  examples: string[];
}

export interface ReportFailure {
  phase: MigrationPhase;
  entityType: string;
  sourceId: string;
  /** The source id as people write it (`DEMO-T12` rather than the store's padded form). */
  sourceKey: string;
  /** The planned entity's label (key and name); empty for entities that never got planned. */
  label: string;
  error: string;
  attempts: number;
  lastFailedAt: string;
}

export interface ReportApi {
  api: string;
  requests: number;
  retries: number;
  /** Responses by status code. */
  responses: Record<string, number>;
  networkErrors: number;
}

export interface ReportThroughput {
  /** Width of each bucket; buckets without loads are left out. */
  bucketSeconds: number;
  /** Entities loaded (created or taken over) and failed per bucket, from the load's batch events. */
  points: { at: string; loaded: number; failed: number }[];
}

/** One row of the id map as `entities.csv` lists it. */
export interface ReportEntityRow {
  type: string;
  sourceKey: string;
  sourceId: string;
  targetId: string | null;
  status: 'loaded' | 'pending' | 'failed' | 'skipped' | 'not loaded';
  /** The label the transform gave the entity (key and name). */
  label: string;
  /** The open failure's error, else what the mapping could not carry. */
  message: string;
}
