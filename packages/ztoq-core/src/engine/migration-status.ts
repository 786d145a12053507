import { CANONICAL_ENTITY_TYPES } from '../model/canonical.js';
import type {
  MappingCounts,
  MigrationPhase,
  MigrationRun,
  RunStatus,
  StateStoreSession,
} from '../ports/state-store.js';
import { targetEntityTypes } from '../report/target-entity-types.js';
import type { LoadCounts, MigrationResult } from './migration-result.js';

export interface PhaseState {
  phase: MigrationPhase;
  /** The latest run that covered the phase, with how that run ended. */
  status: RunStatus | 'not run';
  runId: string | null;
  finishedAt: string | null;
}

export interface MigrationStatusReport {
  projectKey: string;
  migrationId: string | null;
  latestRun: {
    id: string;
    phase: string;
    status: RunStatus;
    startedAt: string;
    finishedAt: string | null;
  } | null;
  phases: PhaseState[];
  /** Canonical entities in the store. */
  extracted: Record<string, number>;
  /** Target entities planned by the transform. */
  transformed: Record<string, number>;
  /** Id-map rows by state. */
  loaded: Record<string, MappingCounts>;
  /** Open failures by phase. */
  failures: Record<string, number>;
  /** The latest run that loaded, of any migration of the project; null when none has. */
  latestLoad: { runId: string; migrationId: string; finishedAt: string | null } | null;
  /** Per target type, what that run did: created, updated, unchanged, … (empty without one). */
  load: Record<string, LoadCounts>;
  /** Per target type, entities in the target whose source is gone: listed, never deleted. */
  removedInSource: Record<string, number>;
}

/** How far back `status` looks for a run that loaded: further than any real migration goes. */
const RUNS_SEARCHED = 1000;

const PHASE_NAMES: readonly MigrationPhase[] = ['extract', 'transform', 'load', 'validate'];

/** What the store knows about a project's migration, read without touching either API. */
export async function migrationStatus(
  store: StateStoreSession,
  projectKey: string,
  targetTypes?: readonly string[],
): Promise<MigrationStatusReport> {
  const latest = await store.latestRun(projectKey);
  const runs = latest
    ? await store.listRuns({ projectKey, migrationId: latest.migrationId, limit: 1000 })
    : [];
  const phases = PHASE_NAMES.map((phase): PhaseState => {
    const run = runs.find((candidate) => candidate.phase === phase || candidate.phase === 'all');
    return {
      phase,
      status: run?.status ?? 'not run',
      runId: run?.id ?? null,
      finishedAt: run?.finishedAt?.toISOString() ?? null,
    };
  });
  const extracted: Record<string, number> = {};
  for (const type of CANONICAL_ENTITY_TYPES)
    extracted[type] = await store.countSourceEntities(projectKey, type);
  const transformed: Record<string, number> = {};
  const loaded: Record<string, MappingCounts> = {};
  for (const type of targetTypes ?? (await targetEntityTypes(store, projectKey))) {
    transformed[type] = await store.countTransformedEntities(projectKey, type);
    loaded[type] = await store.countMappings(projectKey, type);
  }
  const removedInSource = await store.countRemovedInSource(projectKey);
  const loadRun = await latestLoadRun(store, projectKey);
  const loadSummary = loadRun?.summary as unknown as MigrationResult | undefined;
  const failures: Record<string, number> = {};
  for (const failure of await store.listFailures(projectKey)) {
    failures[failure.phase] = (failures[failure.phase] ?? 0) + 1;
  }
  return {
    projectKey,
    migrationId: latest?.migrationId ?? null,
    latestRun: latest
      ? {
          id: latest.id,
          phase: latest.phase,
          status: latest.status,
          startedAt: latest.startedAt.toISOString(),
          finishedAt: latest.finishedAt?.toISOString() ?? null,
        }
      : null,
    phases,
    extracted,
    transformed,
    loaded,
    failures,
    latestLoad: loadRun
      ? {
          runId: loadRun.id,
          migrationId: loadRun.migrationId,
          finishedAt: loadRun.finishedAt?.toISOString() ?? null,
        }
      : null,
    load: loadSummary?.load ?? {},
    removedInSource,
  };
}

/** The newest run whose summary has load counts (a run that died has no summary). */
async function latestLoadRun(
  store: StateStoreSession,
  projectKey: string,
): Promise<MigrationRun | undefined> {
  const runs = await store.listRuns({ projectKey, limit: RUNS_SEARCHED });
  return runs.find((run) => {
    const summary = run.summary as unknown as MigrationResult | null;
    return summary !== null && Object.keys(summary.load ?? {}).length > 0;
  });
}
