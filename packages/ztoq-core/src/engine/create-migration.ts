import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { mkdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import { AuthError, ConfigError, ExitCode, ZtoqError } from '../errors.js';
import { CANONICAL_ENTITY_TYPES } from '../model/canonical.js';
import { type Logger, silentLogger } from '../ports/logger.js';
import type { MigrationNotice, Notifier } from '../ports/notifier.js';
import type { Reporter } from '../ports/reporter.js';
import type { Source } from '../ports/source.js';
import type { JsonObject, MigrationPhase, MigrationRun, RunPhase, StateStore } from '../ports/state-store.js';
import type { Target } from '../ports/target.js';
import { describeHolder, type WriterLock } from '../ports/writer-lock.js';
import { buildMigrationReport } from '../report/build-migration-report.js';
import { reportEntityPages } from '../report/report-entity-pages.js';
import { redact } from '../secrets.js';
import { errorLine } from './error-line.js';
import { extractPhase } from './extract-phase.js';
import { loadPhase } from './load-phase.js';
import { type MigrationEventName, MigrationEvents, type MigrationListener } from './migration-events.js';
import {
  type MigrationOptions,
  type ResolvedMigrationOptions,
  resolveMigrationOptions,
} from './migration-options.js';
import { emptyMigrationResult, type LossySummary, type MigrationResult } from './migration-result.js';
import { isStopError, MigrationInterrupted, type PhaseContext } from './phase-context.js';
import { runStop } from './run-stop.js';
import { TRANSFORM_SUMMARY_STREAM, transformPhase } from './transform-phase.js';
import { validatePhase } from './validate-phase.js';

export interface MigrationInit {
  source: Source;
  target: Target;
  store: StateStore;
  notifiers?: readonly Notifier[];
  reporters?: readonly Reporter[];
  options: MigrationOptions;
}

export interface Migration {
  on<E extends MigrationEventName>(event: E, listener: MigrationListener<E>): () => void;
  /** Runs one phase or `all`; resolves with the result whatever happened (check `status`). */
  run(request?: { phase?: RunPhase }): Promise<MigrationResult>;
}

const PHASES: Record<RunPhase, readonly MigrationPhase[]> = {
  extract: ['extract'],
  transform: ['transform'],
  load: ['load'],
  validate: ['validate'],
  all: ['extract', 'transform', 'load', 'validate'],
};
const PHASE_WORK: Record<MigrationPhase, (context: PhaseContext) => Promise<Record<string, number>>> = {
  extract: extractPhase,
  transform: transformPhase,
  load: loadPhase,
  validate: validatePhase,
};

/**
 * The migration engine: extract → transform → load → validate over the ports. Each `run` is
 * one row in the store's run table; its result is the run's summary, what reporters render and
 * notifiers send. Bad input (options, credentials, unknown projects) fails before anything is
 * written to the store.
 */
export function createMigration(init: MigrationInit): Migration {
  const events = new MigrationEvents();
  return {
    on: (event, listener) => events.on(event, listener),
    run: (request = {}) => runMigration(init, events, request.phase ?? 'all'),
  };
}

async function runMigration(
  init: MigrationInit,
  events: MigrationEvents,
  phase: RunPhase,
): Promise<MigrationResult> {
  const { source, target, store } = init;
  const logger = init.options.logger ?? silentLogger;
  const options = resolveMigrationOptions(init.options);
  if (options.dryRun && (phase === 'load' || phase === 'validate')) {
    throw new ConfigError([
      `--dry-run runs extract, transform and preflight; it cannot be combined with --phase ${phase}`,
    ]);
  }
  const phases = options.dryRun && phase === 'all' ? (['extract', 'transform'] as const) : PHASES[phase];
  const userSignal = init.options.signal ?? new AbortController().signal;
  // Every request waiting in an API queue listens on the run's signal until it starts; a page
  // of a thousand per-item reads is not a leak.
  setMaxListeners(0, userSignal);

  // Fail on bad credentials or unknown projects before the store records anything.
  if (phases.includes('extract')) await source.describeProject(options.projectKey, { signal: userSignal });
  const targetProject = phases.some((name) => name !== 'extract')
    ? await target.describeProject({ signal: userSignal })
    : undefined;

  // One writer per project: taken before anything is written, so a refused run records
  // nothing; which migration to continue is decided under it, after a waited-for run ended.
  const lock = await store.acquireWriterLock(
    options.projectKey,
    { host: hostname(), pid: process.pid, startedAt: new Date().toISOString() },
    {
      wait: init.options.waitForLock ?? false,
      // Waiting for another writer is no progress: a spent budget ends the wait.
      signal: init.options.budget ? AbortSignal.any([userSignal, init.options.budget]) : userSignal,
      onWait: (holder) => logger.info(`waiting for the writer lock: held by ${describeHolder(holder)}`),
    },
  );
  try {
    return await runHoldingLock(init, events, {
      phase,
      phases,
      options,
      lock,
      targetProjectId: targetProject?.id,
    });
  } finally {
    await lock.release();
  }
}

interface LockedRun {
  phase: RunPhase;
  phases: readonly MigrationPhase[];
  options: ResolvedMigrationOptions;
  lock: WriterLock;
  targetProjectId: string | undefined;
}

async function runHoldingLock(
  init: MigrationInit,
  events: MigrationEvents,
  { phase, phases, options, lock, targetProjectId }: LockedRun,
): Promise<MigrationResult> {
  const { source, target, store } = init;
  const logger = init.options.logger ?? silentLogger;
  // A lost lock stops the run like an interrupt does, between units of work; the time budget
  // only once the run made progress.
  const stop = runStop({
    interrupt: [init.options.signal ?? new AbortController().signal, lock.lost],
    ...(init.options.budget ? { budget: init.options.budget } : {}),
  });
  const { signal } = stop;
  setMaxListeners(0, signal);
  const previousRun = await store.latestRun(options.projectKey);
  const migrationId = options.migrationId ?? continuingMigrationId(previousRun) ?? randomUUID();
  await lock.identify(migrationId);
  const run = await store.startRun({
    migrationId,
    projectKey: options.projectKey,
    ...(targetProjectId ? { targetProjectId } : {}),
    phase,
    options: optionsForRecord(init.options),
  });
  const result = emptyMigrationResult({
    runId: run.id,
    migrationId,
    projectKey: options.projectKey,
    targetProjectId: targetProjectId ?? null,
    phase,
    dryRun: options.dryRun,
  });
  result.startedAt = run.startedAt.toISOString();
  result.target = { name: target.name, entityTypes: [...target.entityTypes] };
  if (!source.capabilities.supportsAttachments) {
    result.notices.push(
      `${source.name} offers no API to read attachments, so none were carried; the report counts the image and file references found in text fields.`,
    );
  }
  const context: PhaseContext = {
    source,
    target,
    store,
    options,
    runId: run.id,
    migrationId,
    events,
    logger,
    signal,
    progressed: stop.progressed,
    resumesInterrupted: previousRun?.migrationId === migrationId && previousRun.status === 'interrupted',
    http: init.options.http,
    result,
  };
  const notify = (notice: MigrationNotice) => notifyAll(init.notifiers ?? [], notice, logger);
  await notify({ kind: 'run-started', projectKey: options.projectKey, migrationId, runId: run.id, phase });
  // Not awaited: a slow transport must not hold the phase that reported progress. The
  // notifiers' throttle decides what is actually sent.
  const stopProgress = events.on('progress', (progress) => {
    void notify({
      kind: 'progress',
      projectKey: options.projectKey,
      migrationId,
      runId: run.id,
      ...progress,
    });
  });

  let failure: unknown;
  for (const name of phases) {
    const startedAt = new Date().toISOString();
    events.emit('phase', { phase: name, state: 'started' });
    logger.info(`${name}: started`);
    try {
      const counts = await PHASE_WORK[name](context);
      result.phases.push({
        phase: name,
        status: 'succeeded',
        startedAt,
        finishedAt: new Date().toISOString(),
        counts,
      });
      await store.appendEvents(run.id, [{ kind: 'phase-finished', phase: name, counts }]);
      events.emit('phase', { phase: name, state: 'finished', counts });
      await notify({
        kind: 'phase-finished',
        projectKey: options.projectKey,
        migrationId,
        runId: run.id,
        phase: name,
        counts,
      });
    } catch (error) {
      // Work in flight when the stop fired may end in the stop's own error: a stop all the same.
      failure = isStopError(error, signal) ? new MigrationInterrupted() : error;
      const interrupted = failure instanceof MigrationInterrupted;
      result.phases.push({
        phase: name,
        status: interrupted ? 'interrupted' : 'failed',
        startedAt,
        finishedAt: new Date().toISOString(),
        counts: {},
      });
      await store.appendEvents(run.id, [
        {
          kind: interrupted ? 'phase-interrupted' : 'phase-failed',
          phase: name,
          message: redact(errorLine(failure)),
        },
      ]);
      break;
    }
  }

  stopProgress();
  stop.dispose();
  // Stopped because the lock was lost, not by the user: a failure, with the reason.
  await completeResult(
    context,
    lock.lost.aborted && failure instanceof MigrationInterrupted ? lock.lost.reason : failure,
  );
  const finished = await store.finishRun(run.id, {
    status: result.status,
    summary: result as unknown as JsonObject,
    ...(result.error ? { error: result.error } : {}),
  });
  result.finishedAt = (finished.finishedAt ?? new Date()).toISOString();
  const reportFiles = await renderReports(
    init.reporters ?? [],
    init.options.reportDir,
    store,
    result,
    logger,
  );
  if (result.status === 'failed' && result.error) {
    await notify({
      kind: 'run-failed',
      projectKey: options.projectKey,
      migrationId,
      runId: run.id,
      error: result.error,
    });
  }
  await notify({ kind: 'run-finished', result, reportFiles });
  events.emit('done', result);
  return result;
}

/**
 * Without `--migration-id`, a run continues the project's latest migration unless that
 * migration already went through validation (then a new one starts: a re-run that should create
 * nothing). So a crashed or interrupted run, or phases run one by one, share one migration.
 */
function continuingMigrationId(latest: MigrationRun | undefined): string | undefined {
  if (!latest) return undefined;
  const completed =
    (latest.phase === 'all' || latest.phase === 'validate') &&
    (latest.status === 'succeeded' || latest.status === 'partial');
  return completed ? undefined : latest.migrationId;
}

async function completeResult(context: PhaseContext, failure: unknown): Promise<void> {
  const { store, options, result, runId } = context;
  for (const type of CANONICAL_ENTITY_TYPES) {
    result.extracted[type] = await store.countSourceEntities(options.projectKey, type);
  }
  if (Object.keys(result.lossy).length === 0) {
    const saved = (await store.getCheckpoint(options.projectKey, TRANSFORM_SUMMARY_STREAM))?.cursor as
      | { transformed: Record<string, number>; lossy: Partial<Record<string, LossySummary>> }
      | undefined;
    if (saved) {
      result.lossy = saved.lossy;
      if (Object.keys(result.transformed).length === 0) result.transformed = saved.transformed;
    }
  }
  result.http = context.http?.stats() ?? null;
  for (const failed of await store.listFailures(options.projectKey, { runId })) {
    result.failures[failed.phase] = (result.failures[failed.phase] ?? 0) + 1;
  }

  if (failure instanceof MigrationInterrupted) {
    result.status = 'interrupted';
    result.exitCode = ExitCode.failed;
    result.error = failure.message;
    return;
  }
  if (failure !== undefined) {
    result.status = 'failed';
    result.exitCode =
      failure instanceof AuthError
        ? ExitCode.authRefused
        : failure instanceof ZtoqError
          ? failure.exitCode
          : ExitCode.failed;
    result.error = redact(errorLine(failure));
    return;
  }
  const loadTrouble = Object.values(result.load).some((counts) => counts.failed > 0 || counts.skipped > 0);
  const validationTrouble = Object.values(result.validation).some(
    (counts) => counts.missing > 0 || counts.mismatched > 0 || counts.notLoaded > 0,
  );
  const lossy = Object.keys(result.lossy).length > 0;
  const partial =
    loadTrouble ||
    validationTrouble ||
    lossy ||
    (result.failures.extract ?? 0) > 0 ||
    (result.failures.transform ?? 0) > 0;
  result.status = partial ? 'partial' : 'succeeded';
  result.exitCode = partial ? ExitCode.partial : ExitCode.ok;
}

/** The options as given, minus what cannot or must not be stored (signals, loggers, secrets). */
function optionsForRecord(options: MigrationOptions): JsonObject {
  const { signal: _signal, budget: _budget, logger: _logger, http: _http, mapping, ...plain } = options;
  return JSON.parse(JSON.stringify({ ...plain, mapping: mapping ?? {} })) as JsonObject;
}

async function notifyAll(
  notifiers: readonly Notifier[],
  notice: MigrationNotice,
  logger: Logger,
): Promise<void> {
  await Promise.all(
    notifiers.map(async (notifier) => {
      try {
        await notifier.notify(notice);
      } catch (error) {
        logger.warn(`notifier ${notifier.name} failed: ${redact(errorLine(error))}`);
      }
    }),
  );
}

/** Reporters get the whole migration as the store now holds it, not just this run's result. */
async function renderReports(
  reporters: readonly Reporter[],
  outDir: string | undefined,
  store: StateStore,
  result: MigrationResult,
  logger: Logger,
): Promise<string[]> {
  if (!outDir || reporters.length === 0) return [];
  await mkdir(outDir, { recursive: true });
  const { projectKey, migrationId } = result;
  const report = await buildMigrationReport(store, { projectKey, migrationId });
  const context = {
    outDir,
    entities: () =>
      reportEntityPages(store, projectKey, result.target ? { types: result.target.entityTypes } : {}),
  };
  const files: string[] = [];
  for (const reporter of reporters) {
    try {
      const written = await reporter.render(report, context);
      files.push(...written);
      for (const file of written) logger.info(`report written: ${file}`);
    } catch (error) {
      logger.warn(`reporter ${reporter.name} failed: ${redact(errorLine(error))}`);
    }
  }
  return files;
}
