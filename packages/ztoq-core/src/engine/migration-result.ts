import { ExitCode } from '../errors.js';
import type { HttpStatsSnapshot } from '../http/http-stats.js';
import type { FinishedRunStatus, MigrationPhase, RunPhase } from '../ports/state-store.js';
import type { LossyKind, PreflightChange, PreflightProblem } from '../ports/target.js';
import type { PlannedUpdate } from './plan-diff.js';

/** What a dry run found load would do with one target entity type. */
export interface PlanCounts {
  planned: number;
  /** Not in the target yet. */
  wouldCreate: number;
  /** Written earlier and planned differently since. */
  wouldUpdate: number;
}

/** What one target entity type went through in a load. */
export interface LoadCounts {
  /** Planned by the transform. */
  planned: number;
  created: number;
  /** Found in the target after an unconfirmed create, and taken over. */
  adopted: number;
  /** Written earlier and changed in the source since: written over in place. */
  updated: number;
  /** Written earlier and unchanged since; nothing was sent. */
  unchanged: number;
  failed: number;
  /** Not attempted because something they depend on is not loaded. */
  skipped: number;
}

/** What the next load would do with one target type: a dry run's plan. */
export interface PlanCounts {
  /** Planned by the transform. */
  planned: number;
  /** Not in the target yet. */
  wouldCreate: number;
  /** Written earlier and planned differently since (the hash of what was written differs). */
  wouldUpdate: number;
  /** Written earlier and planned the same: nothing would be sent. */
  unchanged: number;
  /** In the target, and no longer planned because they are gone from the source: never deleted. */
  removedInSource: number;
}

export interface ValidationCounts {
  /** Entities the transform planned. */
  expected: number;
  /** Loaded entities the target holds: read back one by one, or `listed`. */
  found: number;
  /**
   * Of `found`, those a list read showed still there, not read back one by one: unchanged since
   * an earlier validate found them matching (a lean validate; `--phase validate` reads all back).
   */
  listed: number;
  missing: number;
  mismatched: number;
  /** Planned but never loaded (failed or skipped), so nothing to read back. */
  notLoaded: number;
}

export interface ValidationDifference {
  entityType: string;
  sourceId: string;
  targetId: string | null;
  label: string;
  differences: string[];
  /**
   * The target also differs from what ztoq last wrote: it was changed there (by hand) since,
   * not only left behind by an edit in the source. Absent when it matches what was written or
   * when the row predates the kept written plan.
   */
  editedInTarget?: boolean;
}

/**
 * An entity ztoq was about to update whose target copy differs from what ztoq last wrote: it
 * was edited in the target (by hand) since. `kept` left it alone; `overwritten` updated it.
 */
export interface TargetEdit {
  entityType: string;
  sourceId: string;
  targetId: string;
  label: string;
  action: 'kept' | 'overwritten';
  /** How the target differs from what ztoq last wrote, as the target's verify says it. */
  differences: string[];
}

export interface LossySummary {
  /** Entities affected. */
  entities: number;
  /** Sum of the notes' counts (versions not carried, image references), or entities when none. */
  total: number;
  /** The first few notes, for the report. */
  examples: string[];
}

export interface PhaseOutcome {
  phase: MigrationPhase;
  status: 'succeeded' | 'partial' | 'failed' | 'interrupted';
  startedAt: string;
  finishedAt: string;
  counts: Record<string, number>;
}

export interface TargetDescription {
  name: string;
  /** Its entity types in creation order (`Target.entityTypes`). */
  entityTypes: string[];
}

/** The account of one `run()`: stored as the run's summary and handed to reporters and notifiers. */
export interface MigrationResult {
  runId: string;
  migrationId: string;
  projectKey: string;
  targetProjectId: string | null;
  /** The target as it describes itself; reports and status read its types from here. Absent in runs stored before it was kept. */
  target?: TargetDescription;
  phase: RunPhase;
  dryRun: boolean;
  status: FinishedRunStatus;
  exitCode: ExitCode;
  /** One line; set when the run failed or was interrupted. */
  error?: string;
  startedAt: string;
  finishedAt: string;
  phases: PhaseOutcome[];
  /** Canonical entities in the store, by type. */
  extracted: Record<string, number>;
  /** Planned target entities, by type. */
  transformed: Record<string, number>;
  load: Record<string, LoadCounts>;
  validation: Record<string, ValidationCounts>;
  /** What the target reported while validating, e.g. `test-log.status` → `{ Passed: 120 }`. */
  facts: Record<string, Record<string, number>>;
  /** The first differences found (all of them are stored as validate failures). */
  differences: ValidationDifference[];
  lossy: Partial<Record<LossyKind, LossySummary>>;
  preflight: { problems: PreflightProblem[]; changes: PreflightChange[] };
  /** Source limitations the report must state once (e.g. Zephyr's API cannot export attachments). */
  notices: string[];
  /** With `dryRun`: what load would do, per target type. */
  plan?: Record<string, PlanCounts>;
  /** With `dryRun`: every entity load would update, with the fields that change. */
  planUpdates?: PlannedUpdate[];
  /** Requests per API and endpoint, when the adapters share the migration's HTTP layer. */
  http: HttpStatsSnapshot | null;
  /** Failures recorded by this run, by phase. */
  failures: Record<string, number>;
  /** Entities in the target whose source is gone, by type: listed, never deleted. */
  removedInSource: Record<string, number>;
  /** Entities edited in the target since ztoq wrote them and changed in the source, by type. */
  targetEdited: Record<string, { kept: number; overwritten: number }>;
  /** The first of them (up to 500), with how the target differs from what ztoq wrote. */
  targetEdits: TargetEdit[];
}

/**
 * A result with nothing done yet, as a run starts: it says `failed` until the run says
 * otherwise, so a run that dies before finishing never reads as a success.
 */
export function emptyMigrationResult(
  identity: Pick<
    MigrationResult,
    'runId' | 'migrationId' | 'projectKey' | 'targetProjectId' | 'phase' | 'dryRun'
  >,
): MigrationResult {
  return {
    ...identity,
    status: 'failed',
    exitCode: ExitCode.failed,
    startedAt: '',
    finishedAt: '',
    phases: [],
    extracted: {},
    transformed: {},
    load: {},
    validation: {},
    facts: {},
    differences: [],
    lossy: {},
    preflight: { problems: [], changes: [] },
    notices: [],
    http: null,
    failures: {},
    removedInSource: {},
    targetEdited: {},
    targetEdits: [],
  };
}
