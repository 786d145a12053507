import { classifyWriteFailure } from '../api/write-failure.js';
import type { IdMapping, IdMapState, TransformedEntity } from '../ports/state-store.js';
import type { CreatedEntity, LoadedEntity, ResolvedEntity } from '../ports/target.js';
import { endAdoption, startAdoption } from './adoption-mode.js';
import { errorLine } from './error-line.js';
import type { LoadCounts } from './migration-result.js';
import { type PhaseContext, throwIfAborted } from './phase-context.js';
import { resolveRefs } from './resolve-refs.js';
import { runInSequences } from './run-in-sequences.js';
import type { StoredPlan } from './transform-phase.js';
import { writtenHash } from './written-hash.js';

/** Creates after a create whose outcome is unknown, each preceded by a marker lookup. */
const MAX_CREATE_ATTEMPTS = 3;

type Outcome =
  | { kind: 'created' | 'adopted'; entity: CreatedEntity }
  | { kind: 'refused' | 'unknown'; error: string }
  | { kind: 'fatal'; error: unknown }
  | { kind: 'not-attempted' }
  | { kind: 'blocked'; behind: string };

/**
 * Creates the planned entities in the target's order, `batchSize` at a time. Idempotency comes
 * from the id map: a row is `pending` before its create is sent and `done` with the target id
 * once the target confirmed it. A row found `pending` at the start (an earlier attempt's create
 * may have landed) is looked up by its marker and adopted before anything is created; so is
 * every row while the load adopts what a lost store left in the target (adoption-mode.ts).
 */
export async function loadPhase(context: PhaseContext): Promise<Record<string, number>> {
  const { store, target, options, signal } = context;
  const totals: Record<string, number> = {
    created: 0,
    adopted: 0,
    updated: 0,
    unchanged: 0,
    failed: 0,
    skipped: 0,
  };
  const adopting = await startAdoption(context);
  for (const type of target.entityTypes) {
    const counts: LoadCounts = {
      planned: 0,
      created: 0,
      adopted: 0,
      updated: 0,
      unchanged: 0,
      failed: 0,
      skipped: 0,
    };
    counts.planned = await store.countTransformedEntities(options.projectKey, type);
    context.result.load[type] = counts;
    // A sequence (the logs of one run) stops at an entity whose create has an unknown outcome:
    // creating the later ones now would put them before it once the next run creates it.
    const blockedSequences = new Map<string, string>();
    let level = 0;
    let deepest = 0;
    do {
      for await (const page of store.iterateTransformedEntityPages(options.projectKey, type, {
        pageSize: options.batchSize,
      })) {
        throwIfAborted(signal);
        const batch = page.filter((row) => {
          const rowLevel = (row.payload as unknown as StoredPlan).level ?? 0;
          deepest = Math.max(deepest, rowLevel);
          return rowLevel === level;
        });
        if (batch.length > 0) await loadBatch(context, type, batch, counts, blockedSequences, adopting);
        context.events.emit('progress', {
          phase: 'load',
          entityType: type,
          done:
            counts.created +
            counts.adopted +
            counts.updated +
            counts.unchanged +
            counts.failed +
            counts.skipped,
          total: counts.planned,
        });
      }
      level += 1;
    } while (level <= deepest);
    for (const key of Object.keys(totals)) totals[key] = (totals[key] ?? 0) + counts[key as keyof LoadCounts];
  }
  // Every entity was attempted, each looked up first: later loads need not look again.
  if (adopting && totals.skipped === 0) await endAdoption(context);
  context.result.removedInSource = await store.countRemovedInSource(options.projectKey);
  return totals;
}

async function loadBatch(
  context: PhaseContext,
  type: string,
  rows: TransformedEntity[],
  counts: LoadCounts,
  blockedSequences: Map<string, string>,
  adopting: boolean,
): Promise<void> {
  const { store, options, runId } = context;
  const { projectKey } = options;
  const prior = await store.getMappings(
    projectKey,
    type,
    rows.map((row) => row.sourceId),
  );
  const todo = rows.filter((row) => prior.get(row.sourceId)?.state !== 'done');
  // Done, but planned differently since it was written: an edit in the source to carry over.
  const changed = rows.filter((row) => {
    const mapping = prior.get(row.sourceId);
    if (mapping?.state !== 'done') return false;
    // Rows written before the written hash was kept compare the whole stored plan instead.
    return mapping.writtenHash !== null
      ? mapping.writtenHash !== writtenHash(row.payload as unknown as StoredPlan)
      : mapping.contentHash !== null && mapping.contentHash !== row.contentHash;
  });
  counts.unchanged += rows.length - todo.length - changed.length;
  if (changed.length > 0) await updateBatch(context, type, changed, prior, counts);
  if (todo.length === 0) return;

  const plans = todo.map((row) => row.payload as unknown as StoredPlan);
  const resolutions = await resolveRefs(store, projectKey, plans);
  const ready: { row: TransformedEntity; entity: ResolvedEntity; priorState: IdMapState | undefined }[] = [];
  const skipped: { row: TransformedEntity; missing: string[] }[] = [];
  todo.forEach((row, index) => {
    const plan = plans[index] as StoredPlan;
    const resolution = resolutions[index];
    if (!resolution?.ok) {
      skipped.push({ row, missing: resolution?.missing ?? [] });
      return;
    }
    ready.push({
      row,
      priorState: prior.get(row.sourceId)?.state,
      entity: { type, sourceId: row.sourceId, body: plan.body, marker: plan.marker, refs: resolution.refs },
    });
  });

  if (ready.length > 0) {
    await store.markPending(
      projectKey,
      type,
      ready.map((item) => item.row.sourceId),
      runId,
    );
  }
  const outcomes = await runInSequences(
    ready,
    (item) => (item.row.payload as unknown as StoredPlan).sequenceKey,
    options.maxWorkers,
    async (item): Promise<Outcome> => {
      const sequenceKey = (item.row.payload as unknown as StoredPlan).sequenceKey;
      const behind = sequenceKey === undefined ? undefined : blockedSequences.get(sequenceKey);
      if (behind !== undefined) return { kind: 'blocked', behind };
      const outcome = await loadOne(context, item.entity, item.priorState === 'pending' || adopting);
      if (outcome.kind === 'unknown' && sequenceKey !== undefined)
        blockedSequences.set(sequenceKey, item.row.sourceId);
      return outcome;
    },
  );

  const doneRows: Parameters<typeof store.markDone>[2][number][] = [];
  const refused: string[] = [];
  const unsent: string[] = [];
  const failures: { sourceId: string; error: string }[] = [];
  let fatal: unknown;
  outcomes.forEach((outcome, index) => {
    const item = ready[index];
    if (!item) return;
    const sourceId = item.row.sourceId;
    switch (outcome.kind) {
      case 'created':
      case 'adopted':
        counts[outcome.kind] += 1;
        doneRows.push({
          sourceId,
          targetId: outcome.entity.targetId,
          contentHash: item.row.contentHash,
          writtenHash: writtenHash(item.row.payload as unknown as StoredPlan),
          ...(outcome.entity.data ? { targetData: outcome.entity.data } : {}),
        });
        break;
      case 'refused':
        refused.push(sourceId);
        counts.failed += 1;
        failures.push({ sourceId, error: outcome.error });
        break;
      case 'unknown':
        // Left `pending`: the next run looks it up before creating.
        counts.failed += 1;
        failures.push({ sourceId, error: `outcome unknown, will be looked up on resume: ${outcome.error}` });
        break;
      case 'fatal':
        fatal ??= outcome.error;
        break;
      case 'blocked':
        if (item.priorState !== 'pending') unsent.push(sourceId);
        counts.skipped += 1;
        failures.push({
          sourceId,
          error: `skipped: waits for ${outcome.behind}, created before it, whose outcome is unknown`,
        });
        break;
      case 'not-attempted':
        // Never sent: unless an earlier attempt may have sent it, nothing needs looking up.
        if (item.priorState !== 'pending') unsent.push(sourceId);
        break;
    }
  });
  for (const { row, missing } of skipped) {
    counts.skipped += 1;
    failures.push({
      sourceId: row.sourceId,
      error: `skipped: depends on ${missing.join(', ')}, which is not loaded`,
    });
  }

  const failedCount = outcomes.filter(
    (outcome) => outcome.kind === 'refused' || outcome.kind === 'unknown',
  ).length;
  await store.transaction(async (session) => {
    if (doneRows.length > 0) await session.markDone(projectKey, type, doneRows, runId);
    if (refused.length > 0) await session.markFailed(projectKey, type, refused, runId);
    if (unsent.length > 0) await session.discardPending(projectKey, type, unsent);
    for (const failure of failures) {
      await session.recordFailure({
        projectKey,
        phase: 'load',
        entityType: type,
        sourceId: failure.sourceId,
        runId,
        error: failure.error,
      });
    }
    // An entity that failed or was skipped by an earlier run and now made it is no failure any more.
    await session.clearFailures(
      { projectKey, phase: 'load', entityType: type },
      doneRows.map((row) => row.sourceId),
    );
    await session.appendEvents(runId, [
      {
        kind: 'batch-loaded',
        phase: 'load',
        entityType: type,
        counts: {
          created: outcomes.filter((outcome) => outcome.kind === 'created').length,
          adopted: outcomes.filter((outcome) => outcome.kind === 'adopted').length,
          failed: failedCount,
          skipped: failures.length - failedCount,
        },
      },
    ]);
  });
  // Confirmed creates are recorded: the next run does not send them again.
  if (doneRows.length > 0) context.progressed();
  for (const failure of failures) {
    context.events.emit('entity-failed', { phase: 'load', entityType: type, ...failure });
  }
  if (fatal !== undefined) throw fatal;
}

/** `lookFirst`: the entity may already be in the target (an unconfirmed create, a lost store). */
async function loadOne(context: PhaseContext, entity: ResolvedEntity, lookFirst: boolean): Promise<Outcome> {
  const { target, signal } = context;
  // In-flight creates are never aborted (Ctrl-C waits for them); new ones are not started.
  if (signal.aborted) return { kind: 'not-attempted' };
  try {
    if (lookFirst) {
      const found = await target.find(entity);
      if (found) return { kind: 'adopted', entity: found };
    }
  } catch (error) {
    const failure = classifyWriteFailure(error);
    return failure === 'fatal' ? { kind: 'fatal', error } : { kind: 'unknown', error: errorLine(error) };
  }
  let lastError: unknown;
  for (let attempt = 1; attempt <= MAX_CREATE_ATTEMPTS; attempt += 1) {
    try {
      return { kind: 'created', entity: await target.create(entity) };
    } catch (error) {
      lastError = error;
      const failure = classifyWriteFailure(error);
      if (failure === 'fatal') return { kind: 'fatal', error };
      if (failure === 'refused') return { kind: 'refused', error: errorLine(error) };
    }
    // The create may have landed: look before creating again, never a blind re-POST.
    try {
      const found = await target.find(entity);
      if (found) return { kind: 'adopted', entity: found };
    } catch (error) {
      if (classifyWriteFailure(error) === 'fatal') return { kind: 'fatal', error };
      return { kind: 'unknown', error: errorLine(lastError) };
    }
  }
  return { kind: 'unknown', error: errorLine(lastError) };
}

type UpdateOutcome =
  | { kind: 'updated'; entity: CreatedEntity }
  | { kind: 'refused' | 'unknown'; error: string }
  | { kind: 'fatal'; error: unknown }
  | { kind: 'not-attempted' };

/**
 * Writes changed plans over entities created earlier, with a create's discipline: each update is
 * recorded (`updating_hash`) before it is sent and confirmed (the new content hash) after; one
 * whose earlier attempt is in doubt is read back first and only sent if the target does not
 * already hold it, so no update is sent twice for the same content.
 */
async function updateBatch(
  context: PhaseContext,
  type: string,
  rows: TransformedEntity[],
  prior: Map<string, IdMapping>,
  counts: LoadCounts,
): Promise<void> {
  const { store, target, options, runId } = context;
  const { projectKey } = options;
  const plans = rows.map((row) => row.payload as unknown as StoredPlan);
  const resolutions = await resolveRefs(store, projectKey, plans);
  const ready: { row: TransformedEntity; entity: LoadedEntity; inDoubt: boolean }[] = [];
  const failures: { sourceId: string; error: string }[] = [];
  rows.forEach((row, index) => {
    const plan = plans[index] as StoredPlan;
    const resolution = resolutions[index];
    const mapping = prior.get(row.sourceId) as IdMapping;
    if (!target.update) {
      counts.failed += 1;
      failures.push({
        sourceId: row.sourceId,
        error: `changed in the source; ${target.name} cannot update it`,
      });
      return;
    }
    if (!resolution?.ok) {
      counts.skipped += 1;
      const missing = resolution?.missing ?? [];
      failures.push({
        sourceId: row.sourceId,
        error: `update skipped: depends on ${missing.join(', ')}, which is not loaded`,
      });
      return;
    }
    ready.push({
      row,
      inDoubt: mapping.updatingHash === writtenHash(plan),
      entity: {
        type,
        sourceId: row.sourceId,
        body: plan.body,
        marker: plan.marker,
        refs: resolution.refs,
        targetId: mapping.targetId as string,
        data: mapping.targetData,
      },
    });
  });
  if (ready.length > 0) {
    await store.markUpdating(
      projectKey,
      type,
      ready.map(({ row }) => ({
        sourceId: row.sourceId,
        contentHash: writtenHash(row.payload as unknown as StoredPlan),
      })),
      runId,
    );
  }
  const outcomes = await runInSequences(
    ready,
    () => undefined,
    options.maxWorkers,
    (item) => updateOne(context, item.entity, item.inDoubt),
  );
  const doneRows: Parameters<typeof store.markDone>[2][number][] = [];
  const notInDoubt: string[] = [];
  let fatal: unknown;
  outcomes.forEach((outcome, index) => {
    const item = ready[index];
    if (!item) return;
    const sourceId = item.row.sourceId;
    switch (outcome.kind) {
      case 'updated': {
        counts.updated += 1;
        const data = outcome.entity.data ?? item.entity.data;
        doneRows.push({
          sourceId,
          targetId: outcome.entity.targetId,
          contentHash: item.row.contentHash,
          writtenHash: writtenHash(item.row.payload as unknown as StoredPlan),
          ...(data ? { targetData: data } : {}),
        });
        break;
      }
      case 'refused':
        counts.failed += 1;
        notInDoubt.push(sourceId);
        failures.push({ sourceId, error: `update refused: ${outcome.error}` });
        break;
      case 'unknown':
        counts.failed += 1;
        failures.push({
          sourceId,
          error: `update outcome unknown, will be read back on resume: ${outcome.error}`,
        });
        break;
      case 'fatal':
        fatal ??= outcome.error;
        break;
      case 'not-attempted':
        if (!item.inDoubt) notInDoubt.push(sourceId);
        break;
    }
  });
  await store.transaction(async (session) => {
    if (doneRows.length > 0) await session.markDone(projectKey, type, doneRows, runId);
    if (notInDoubt.length > 0) await session.clearUpdating(projectKey, type, notInDoubt);
    for (const failure of failures) {
      await session.recordFailure({ projectKey, phase: 'load', entityType: type, runId, ...failure });
    }
    await session.clearFailures(
      { projectKey, phase: 'load', entityType: type },
      doneRows.map((row) => row.sourceId),
    );
    await session.appendEvents(runId, [
      {
        kind: 'batch-updated',
        phase: 'load',
        entityType: type,
        counts: { updated: doneRows.length, failed: failures.length },
      },
    ]);
  });
  if (doneRows.length > 0) context.progressed();
  for (const failure of failures) {
    context.events.emit('entity-failed', { phase: 'load', entityType: type, ...failure });
  }
  if (fatal !== undefined) throw fatal;
}

async function updateOne(
  context: PhaseContext,
  entity: LoadedEntity,
  inDoubt: boolean,
): Promise<UpdateOutcome> {
  const { target, signal } = context;
  const update = target.update;
  if (signal.aborted || !update) return { kind: 'not-attempted' };
  const readBack = async (): Promise<UpdateOutcome | undefined> => {
    const verification = await target.verify(entity);
    return verification.exists && verification.differences.length === 0
      ? { kind: 'updated', entity: { targetId: entity.targetId } }
      : undefined;
  };
  try {
    // An earlier attempt may have landed: sending it again would make one more version.
    if (inDoubt) {
      const held = await readBack();
      if (held) return held;
    }
    return { kind: 'updated', entity: await update(entity) };
  } catch (error) {
    const failure = classifyWriteFailure(error);
    if (failure === 'fatal') return { kind: 'fatal', error };
    if (failure === 'refused') return { kind: 'refused', error: errorLine(error) };
    try {
      const held = await readBack();
      if (held) return held;
    } catch (readError) {
      if (classifyWriteFailure(readError) === 'fatal') return { kind: 'fatal', error: readError };
    }
    return { kind: 'unknown', error: errorLine(error) };
  }
}
