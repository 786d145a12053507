import type { MigrationResult } from '../engine/migration-result.js';
import { ConfigError } from '../errors.js';
import { CANONICAL_ENTITY_TYPES, type CanonicalStatus } from '../model/canonical.js';
import type { EntityFailure, MigrationRun, RunEvent, StateStoreSession } from '../ports/state-store.js';
import type { LossyKind } from '../ports/target.js';
import { displayKey } from './display-key.js';
import {
  MIGRATION_REPORT_VERSION,
  type MigrationReport,
  type ReportApi,
  type ReportCount,
  type ReportEntityCounts,
  type ReportFailure,
  type ReportPhase,
  type ReportRemovedEntity,
  type ReportRun,
  type ReportThroughput,
  type ReportValidationType,
} from './migration-report.js';
import { SKIPPED_PREFIX } from './report-entity-pages.js';
import { targetEntityTypes } from './target-entity-types.js';

export interface BuildMigrationReportOptions {
  projectKey: string;
  /** Default: the project's latest migration. */
  migrationId?: string;
  /** When the report is made; tests pin it. */
  now?: Date;
}

/** The fact the qTest verifier reports for each test log read back (see `MigrationResult.facts`). */
const TARGET_EXECUTION_STATUS_FACT = 'test-log.status';
/** qTest keeps a version history of test cases: an update adds a version rather than rewriting one. */
const UPDATED_VERSION_TYPE = 'test-case';
/** Enough bars to see a trend at phone width, few enough that a month-long load stays small. */
const THROUGHPUT_BUCKETS = 60;

/**
 * Reads one migration's report from the store. Runs, summaries and events belong to the
 * migration; counts, the id map and open failures are the project's current state (what is in
 * qTest now, and what is left to fix). Source executions are streamed page by page to count
 * statuses; nothing else reads entity payloads.
 */
export async function buildMigrationReport(
  store: StateStoreSession,
  options: BuildMigrationReportOptions,
): Promise<MigrationReport> {
  const { projectKey } = options;
  const migrationId = options.migrationId ?? (await store.latestRun(projectKey))?.migrationId ?? null;
  const runs = migrationId ? (await store.listRuns({ projectKey, migrationId })).reverse() : [];
  if (options.migrationId && runs.length === 0) {
    throw new ConfigError([`project ${projectKey} has no migration ${options.migrationId}`]);
  }
  const summaries = runs.map((run) => run.summary as unknown as MigrationResult | null);
  const newestFirst = summaries.filter((summary) => summary !== null).reverse();
  const events = new Map<string, RunEvent[]>();
  for (const run of runs) events.set(run.id, await store.listEvents(run.id));

  const failures = await store.listFailures(projectKey);
  const labels = await failureLabels(store, projectKey, failures);
  const reportFailure = (failure: EntityFailure): ReportFailure => ({
    phase: failure.phase,
    entityType: failure.entityType,
    sourceId: failure.sourceId,
    sourceKey: displayKey(failure.sourceId),
    label: labels.get(`${failure.entityType}\n${failure.sourceId}`) ?? '',
    error: failure.lastError,
    attempts: failure.attempts,
    lastFailedAt: failure.lastFailedAt.toISOString(),
  });
  const latest = runs.at(-1);
  const latestSummary = summaries.at(-1) ?? null;
  const validated = newestFirst.filter((summary) => Object.keys(summary.validation).length > 0);
  const entities = await entityCounts(store, projectKey, summaries, failures);
  const updatedCases = entities.find((row) => row.type === UPDATED_VERSION_TYPE)?.updated ?? 0;

  return {
    reportVersion: MIGRATION_REPORT_VERSION,
    generatedAt: (options.now ?? new Date()).toISOString(),
    projectKey,
    migrationId,
    qtestProjectId: [...runs].reverse().find((run) => run.targetProjectId)?.targetProjectId ?? null,
    status: latest?.status ?? 'not run',
    exitCode: latestSummary?.exitCode ?? null,
    error: latest?.error ?? null,
    dryRun: latestSummary?.dryRun ?? false,
    startedAt: runs[0]?.startedAt.toISOString() ?? null,
    finishedAt: latest?.finishedAt?.toISOString() ?? null,
    durationMs: runs.reduce((sum, run) => sum + (runDuration(run) ?? 0), 0),
    runs: runs.map(reportRun),
    phases: runs.flatMap((run, index) => runPhases(run, summaries[index] ?? null, events.get(run.id) ?? [])),
    extracted: await extractedCounts(store, projectKey),
    entities,
    validation: {
      ran: validated.length > 0,
      types: validationTypes(validated),
      mismatches: failures.filter((failure) => failure.phase === 'validate').map(reportFailure),
    },
    executionStatus: {
      source: await sourceExecutionStatuses(store, projectKey),
      target: counts(
        validated.find((summary) => summary.facts[TARGET_EXECUTION_STATUS_FACT])?.facts[
          TARGET_EXECUTION_STATUS_FACT
        ] ?? {},
      ),
    },
    lossy: lossyMappings(newestFirst),
    notices: [
      ...new Set(newestFirst.flatMap((summary) => summary.notices)),
      ...(updatedCases > 0 ? [newVersionNotice(updatedCases)] : []),
    ],
    removedInSource: await removedEntities(store, projectKey),
    // Summaries from before target edits were checked have none.
    targetEdits:
      newestFirst.find((summary) => !summary.dryRun && Object.keys(summary.load).length > 0)?.targetEdits ??
      [],
    failures: {
      total: failures.length,
      byPhase: failures.reduce<Record<string, number>>((byPhase, failure) => {
        byPhase[failure.phase] = (byPhase[failure.phase] ?? 0) + 1;
        return byPhase;
      }, {}),
      items: failures.map(reportFailure),
    },
    http: httpTotals(summaries),
    throughput: throughput([...events.values()].flat()),
  };
}

function runDuration(run: MigrationRun): number | null {
  return run.finishedAt ? run.finishedAt.getTime() - run.startedAt.getTime() : null;
}

function reportRun(run: MigrationRun): ReportRun {
  const summary = run.summary as unknown as MigrationResult | null;
  return {
    runId: run.id,
    phase: run.phase,
    status: run.status,
    dryRun: summary?.dryRun ?? false,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    durationMs: runDuration(run),
    exitCode: summary?.exitCode ?? null,
    error: run.error,
  };
}

/**
 * A finished run's summary lists its phases. A run whose process died has no summary, so its
 * phases come from the events it appended: each finished phase, then the one it died in.
 */
function runPhases(run: MigrationRun, summary: MigrationResult | null, events: RunEvent[]): ReportPhase[] {
  if (summary) {
    return summary.phases.map((outcome) => ({
      runId: run.id,
      phase: outcome.phase,
      status: outcome.status,
      startedAt: outcome.startedAt,
      finishedAt: outcome.finishedAt,
      durationMs: Date.parse(outcome.finishedAt) - Date.parse(outcome.startedAt),
      counts: outcome.counts,
    }));
  }
  const phases: ReportPhase[] = [];
  let startedAt = run.startedAt;
  for (const event of events) {
    if (!event.phase) continue;
    const ended = event.kind === 'phase-finished' ? 'succeeded' : undefined;
    if (!ended) {
      if (!phases.some((phase) => phase.phase === event.phase && phase.status === 'running')) {
        phases.push({
          runId: run.id,
          phase: event.phase,
          status: 'running',
          startedAt: startedAt.toISOString(),
          finishedAt: null,
          durationMs: null,
          counts: {},
        });
      }
      continue;
    }
    const open = phases.find((phase) => phase.phase === event.phase && phase.status === 'running');
    const phase: ReportPhase = open ?? {
      runId: run.id,
      phase: event.phase,
      status: 'running',
      startedAt: startedAt.toISOString(),
      finishedAt: null,
      durationMs: null,
      counts: {},
    };
    phase.status = ended;
    phase.finishedAt = event.createdAt.toISOString();
    phase.durationMs = event.createdAt.getTime() - Date.parse(phase.startedAt);
    phase.counts = event.counts ?? {};
    if (!open) phases.push(phase);
    startedAt = event.createdAt;
  }
  return phases;
}

async function extractedCounts(store: StateStoreSession, projectKey: string): Promise<ReportCount[]> {
  const extracted: ReportCount[] = [];
  for (const name of CANONICAL_ENTITY_TYPES) {
    extracted.push({ name, count: await store.countSourceEntities(projectKey, name) });
  }
  return extracted;
}

async function entityCounts(
  store: StateStoreSession,
  projectKey: string,
  oldestFirst: readonly (MigrationResult | null)[],
  failures: readonly EntityFailure[],
): Promise<ReportEntityCounts[]> {
  const summaries = oldestFirst.filter((summary) => summary !== null);
  const types = new Set<string>(await targetEntityTypes(store, projectKey));
  for (const summary of summaries) {
    for (const type of [...Object.keys(summary.transformed), ...Object.keys(summary.load)]) types.add(type);
  }
  const removed = await store.countRemovedInSource(projectKey);
  const total = (type: string, field: 'created' | 'adopted' | 'updated') =>
    summaries.reduce((sum, summary) => sum + (summary.load[type]?.[field] ?? 0), 0);
  const rows: ReportEntityCounts[] = [];
  for (const type of types) {
    const mappings = await store.countMappings(projectKey, type);
    const loadFailures = failures.filter(
      (failure) => failure.phase === 'load' && failure.entityType === type,
    );
    const skipped = loadFailures.filter((failure) => failure.lastError.startsWith(SKIPPED_PREFIX)).length;
    rows.push({
      type,
      transformed: await store.countTransformedEntities(projectKey, type),
      loaded: mappings.done,
      created: total(type, 'created'),
      alreadyPresent: total(type, 'adopted'),
      updated: total(type, 'updated'),
      unchanged: unchangedCount(summaries, type),
      skipped,
      failed: loadFailures.length - skipped,
      pending: mappings.pending,
      removedInSource: removed[type] ?? 0,
    });
  }
  return rows;
}

/**
 * The newest load of the type counts as unchanged what was done before it started; the part of
 * that which earlier runs of this migration wrote (a resumed load) is counted as theirs, so
 * created, updated and unchanged add up to what is in qTest.
 */
function unchangedCount(oldestFirst: readonly MigrationResult[], type: string): number {
  const index = oldestFirst.findLastIndex((summary) => summary.load[type] !== undefined);
  const newest = oldestFirst[index]?.load[type];
  if (!newest) return 0;
  const writtenBefore = oldestFirst
    .slice(0, index)
    .reduce(
      (sum, summary) =>
        sum +
        (summary.load[type]?.created ?? 0) +
        (summary.load[type]?.adopted ?? 0) +
        (summary.load[type]?.updated ?? 0),
      0,
    );
  // An entity written twice in this migration (created, then updated) is subtracted twice.
  return Math.max(0, newest.unchanged - writtenBefore);
}

function newVersionNotice(count: number): string {
  return `${count} test case${count === 1 ? ' was' : 's were'} changed in Zephyr and updated in qTest: each update made a new version of the qTest test case, and earlier versions stay in its history.`;
}

async function removedEntities(store: StateStoreSession, projectKey: string): Promise<ReportRemovedEntity[]> {
  return (await store.listRemovedInSource(projectKey)).map((entity) => {
    const label = (entity.payload as { label?: unknown } | null)?.label;
    return {
      type: entity.entityType,
      sourceId: entity.sourceId,
      sourceKey: displayKey(entity.sourceId),
      targetId: entity.targetId,
      label: typeof label === 'string' ? label : '',
      removedAt: entity.removedAt.toISOString(),
    };
  });
}

/** Per type, the newest run that validated it: a re-validation supersedes the one before. */
function validationTypes(validated: readonly MigrationResult[]): ReportValidationType[] {
  const types = new Map<string, ReportValidationType>();
  for (const summary of validated) {
    for (const [type, counts] of Object.entries(summary.validation)) {
      // Runs stored before lean validation count nothing as listed.
      if (!types.has(type)) types.set(type, { type, ...counts, listed: counts.listed ?? 0 });
    }
  }
  return [...types.values()];
}

/** Counted by status name, so a Zephyr status and the qTest one it became line up by eye. */
async function sourceExecutionStatuses(store: StateStoreSession, projectKey: string): Promise<ReportCount[]> {
  const names = new Map<string, string>();
  for await (const page of store.iterateSourceEntityPages(projectKey, 'status')) {
    for (const entity of page) {
      const status = entity.payload as unknown as CanonicalStatus;
      names.set(status.id, status.name);
    }
  }
  const tally: Record<string, number> = {};
  for await (const page of store.iterateSourceEntityPages(projectKey, 'test-execution', { pageSize: 2000 })) {
    for (const entity of page) {
      const statusId = (entity.payload as { statusId?: string }).statusId ?? '';
      const name = names.get(statusId) ?? statusId;
      tally[name] = (tally[name] ?? 0) + 1;
    }
  }
  return counts(tally);
}

function counts(tally: Record<string, number>): ReportCount[] {
  return Object.entries(tally)
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

/** The transform's tally is cumulative, so the newest run that has one holds all of it. */
function lossyMappings(newestFirst: readonly MigrationResult[]): MigrationReport['lossy'] {
  const lossy = newestFirst.find((summary) => Object.keys(summary.lossy).length > 0)?.lossy ?? {};
  return Object.entries(lossy).map(([kind, summary]) => ({
    kind: kind as LossyKind,
    entities: summary.entities,
    total: summary.total,
    examples: summary.examples,
  }));
}

/**
 * The labels of the planned entities that failed, read by streaming the planned entities of
 * just the types that have failures: the store has no batch read by id for them, and one query
 * per failure would crawl on a project with thousands.
 */
async function failureLabels(
  store: StateStoreSession,
  projectKey: string,
  failures: readonly EntityFailure[],
): Promise<Map<string, string>> {
  const wanted = new Map<string, Set<string>>();
  for (const failure of failures) {
    if (failure.phase !== 'load' && failure.phase !== 'validate') continue;
    const ids = wanted.get(failure.entityType) ?? new Set<string>();
    wanted.set(failure.entityType, ids.add(failure.sourceId));
  }
  const labels = new Map<string, string>();
  for (const [type, ids] of wanted) {
    for await (const page of store.iterateTransformedEntityPages(projectKey, type, { pageSize: 2000 })) {
      for (const entity of page) {
        if (!ids.has(entity.sourceId)) continue;
        const label = (entity.payload as { label?: unknown } | null)?.label;
        if (typeof label === 'string') labels.set(`${type}\n${entity.sourceId}`, label);
      }
    }
  }
  return labels;
}

/** Each run's summary holds the requests its own process made, so the runs add up. */
function httpTotals(summaries: readonly (MigrationResult | null)[]): ReportApi[] {
  const apis = new Map<string, ReportApi>();
  for (const summary of summaries) {
    for (const [api, counters] of Object.entries(summary?.http?.apis ?? {})) {
      const total = apis.get(api) ?? { api, requests: 0, retries: 0, responses: {}, networkErrors: 0 };
      apis.set(api, total);
      total.requests += counters.totals.requests;
      total.retries += counters.totals.retries;
      for (const [status, count] of Object.entries(counters.totals.responses)) {
        total.responses[status] = (total.responses[status] ?? 0) + count;
      }
      total.networkErrors += Object.values(counters.totals.networkErrors).reduce((sum, n) => sum + n, 0);
    }
  }
  return [...apis.values()].sort((a, b) => a.api.localeCompare(b.api));
}

/** Load throughput from the `batch-loaded` events, in at most `THROUGHPUT_BUCKETS` time buckets. */
function throughput(events: readonly RunEvent[]): ReportThroughput {
  const batches = events
    .filter((event) => event.kind === 'batch-loaded')
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const first = batches[0]?.createdAt.getTime();
  const last = batches.at(-1)?.createdAt.getTime();
  if (first === undefined || last === undefined) return { bucketSeconds: 1, points: [] };
  const bucketSeconds = Math.max(1, Math.ceil((last - first) / 1000 / THROUGHPUT_BUCKETS));
  const buckets = new Map<number, { loaded: number; failed: number }>();
  for (const event of batches) {
    const index = Math.floor((event.createdAt.getTime() - first) / 1000 / bucketSeconds);
    const bucket = buckets.get(index) ?? { loaded: 0, failed: 0 };
    buckets.set(index, bucket);
    const c = event.counts ?? {};
    bucket.loaded += (c.created ?? 0) + (c.adopted ?? 0);
    bucket.failed += (c.failed ?? 0) + (c.skipped ?? 0);
  }
  return {
    bucketSeconds,
    points: [...buckets.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, bucket]) => ({
        at: new Date(first + index * bucketSeconds * 1000).toISOString(),
        ...bucket,
      })),
  };
}
