import type {
  DoneMapping,
  IdMapping,
  IdMapState,
  StateStoreSession,
  TransformedEntity,
  WrittenPlan,
} from '../ports/state-store.js';
import type { CreatedEntity, LoadedEntity, ResolvedEntity } from '../ports/target.js';
import { classifyWriteFailure } from '../ports/write-failure.js';
import { endAdoption, startAdoption } from './adoption-mode.js';
import { errorLine } from './error-line.js';
import type { LoadCounts } from './migration-result.js';
import { type PhaseContext, throwIfAborted } from './phase-context.js';
import { readBackAgainstWritten } from './read-back-written.js';
import { resolveRefs } from './resolve-refs.js';
import { runInSequences } from './run-in-sequences.js';
import type { StoredPlan } from './transform-phase.js';
import { changedSinceWritten, writtenHash, writtenPlanOf } from './written-hash.js';

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
            counts.skipped +
            // Kept as edited in the target: nothing sent, and handled all the same.
            (context.result.targetEdited[type]?.kept ?? 0),
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
    return (
      mapping !== undefined &&
      changedSinceWritten(mapping, row.payload as unknown as StoredPlan, () => row.contentHash)
    );
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

  const doneRows: DoneMapping[] = [];
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
          writtenPlan: writtenPlanOf(item.row.payload as unknown as StoredPlan),
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
  await settleBatch(context, type, {
    doneRows,
    failures,
    fatal,
    async markStates(session) {
      if (refused.length > 0) await session.markFailed(projectKey, type, refused, runId);
      if (unsent.length > 0) await session.discardPending(projectKey, type, unsent);
    },
    event: {
      kind: 'batch-loaded',
      counts: {
        created: outcomes.filter((outcome) => outcome.kind === 'created').length,
        adopted: outcomes.filter((outcome) => outcome.kind === 'adopted').length,
        failed: failedCount,
        skipped: failures.length - failedCount,
      },
    },
  });
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
    // Stopped: no new request. The create may have landed, so the row stays pending and the
    // next run looks it up before anything is sent again.
    if (signal.aborted) return { kind: 'unknown', error: errorLine(lastError) };
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

interface UpdateItem {
  row: TransformedEntity;
  entity: LoadedEntity;
  /** An earlier attempt's update of the same plan was sent and not confirmed. */
  inDoubt: boolean;
}

/** Kept target edits listed in the result; every one is counted. */
const MAX_TARGET_EDITS_IN_RESULT = 500;

/**
 * The updates to send: before one is sent, the target is read back against what ztoq last
 * wrote there. If it differs, someone edited it in the target since, and `--on-target-edit`
 * decides: `keep` leaves it (listed, and checked again by the next run, since its row still
 * says the old plan was written), `overwrite` sends the update (listed too). One read per
 * entity about to be updated, none for the rest. Not checked: a row with any update in doubt
 * (the target may hold ztoq's own unconfirmed write, of this plan or of one planned before a
 * later source edit; an update in doubt of this plan is read back against it instead), and rows
 * written before the written plan was kept (nothing to compare with; they are checked from
 * their next write on).
 */
async function withoutTargetEdits(
  context: PhaseContext,
  ready: UpdateItem[],
  prior: Map<string, IdMapping>,
  failures: { sourceId: string; error: string }[],
  counts: LoadCounts,
): Promise<UpdateItem[]> {
  const { target, options, result } = context;
  const checked = ready.filter((item) => {
    const mapping = prior.get(item.row.sourceId);
    return mapping?.writtenPlan && mapping.updatingHash === null;
  });
  if (checked.length === 0) return ready;
  const verdicts = await readBackAgainstWritten(
    context,
    checked.map((item) => ({
      entity: item.entity,
      written: prior.get(item.row.sourceId)?.writtenPlan as WrittenPlan,
    })),
  );
  const edited = new Set<UpdateItem>();
  checked.forEach((item, index) => {
    const verdict = verdicts[index];
    if (!verdict) return;
    if ('error' in verdict) {
      if (classifyWriteFailure(verdict.error) === 'fatal') throw verdict.error;
      // Not known whether it was edited by hand: not overwritten blindly; the next run checks again.
      edited.add(item);
      counts.failed += 1;
      failures.push({
        sourceId: item.row.sourceId,
        error: `update skipped: could not read it back to check for edits in ${target.name}: ${errorLine(verdict.error)}`,
      });
      return;
    }
    if (verdict.differences.length === 0) return;
    const action = options.onTargetEdit === 'keep' ? 'kept' : 'overwritten';
    if (action === 'kept') edited.add(item);
    const { type } = item.entity;
    const tally = result.targetEdited[type] ?? { kept: 0, overwritten: 0 };
    result.targetEdited[type] = tally;
    tally[action] += 1;
    if (result.targetEdits.length < MAX_TARGET_EDITS_IN_RESULT) {
      result.targetEdits.push({
        entityType: type,
        sourceId: item.row.sourceId,
        targetId: item.entity.targetId,
        label: (item.row.payload as unknown as StoredPlan).label,
        action,
        differences: verdict.differences,
      });
    }
    context.logger.warn(
      `load: ${type} ${item.row.sourceId} was edited in ${target.name} since ztoq wrote it (${verdict.differences.join('; ')}); ${
        action === 'kept'
          ? 'kept as it is (--on-target-edit keep)'
          : 'overwritten (--on-target-edit overwrite)'
      }`,
    );
  });
  return ready.filter((item) => !edited.has(item));
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
  const ready: UpdateItem[] = [];
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
  const toSend = await withoutTargetEdits(context, ready, prior, failures, counts);
  if (toSend.length > 0) {
    await store.markUpdating(
      projectKey,
      type,
      toSend.map(({ row }) => ({
        sourceId: row.sourceId,
        contentHash: writtenHash(row.payload as unknown as StoredPlan),
      })),
      runId,
    );
  }
  const outcomes = await runInSequences(
    toSend,
    () => undefined,
    options.maxWorkers,
    (item) => updateOne(context, item.entity, item.inDoubt),
  );
  const doneRows: DoneMapping[] = [];
  const notInDoubt: string[] = [];
  let fatal: unknown;
  outcomes.forEach((outcome, index) => {
    const item = toSend[index];
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
          writtenPlan: writtenPlanOf(item.row.payload as unknown as StoredPlan),
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
  await settleBatch(context, type, {
    doneRows,
    failures,
    fatal,
    async markStates(session) {
      if (notInDoubt.length > 0) await session.clearUpdating(projectKey, type, notInDoubt);
    },
    event: { kind: 'batch-updated', counts: { updated: doneRows.length, failed: failures.length } },
  });
}

/**
 * Records how a batch of creates or updates ended, in one transaction: the confirmed rows, the
 * batch's own state changes (`markStates`), each failure with its reason, the earlier failures
 * of what has now made it (no failure any more), and the batch's event. Only then does the run
 * count progress (the next run will not send these again) and hear of the failures; a fatal
 * error is thrown last, so nothing confirmed before it is lost.
 */
async function settleBatch(
  context: PhaseContext,
  type: string,
  batch: {
    doneRows: DoneMapping[];
    failures: { sourceId: string; error: string }[];
    fatal: unknown;
    markStates: (session: StateStoreSession) => Promise<void>;
    event: { kind: 'batch-loaded' | 'batch-updated'; counts: Record<string, number> };
  },
): Promise<void> {
  const { store, options, runId } = context;
  const { projectKey } = options;
  const { doneRows, failures } = batch;
  await store.transaction(async (session) => {
    if (doneRows.length > 0) await session.markDone(projectKey, type, doneRows, runId);
    await batch.markStates(session);
    for (const failure of failures) {
      await session.recordFailure({ projectKey, phase: 'load', entityType: type, runId, ...failure });
    }
    await session.clearFailures(
      { projectKey, phase: 'load', entityType: type },
      doneRows.map((row) => row.sourceId),
    );
    await session.appendEvents(runId, [{ ...batch.event, phase: 'load', entityType: type }]);
  });
  if (doneRows.length > 0) context.progressed();
  for (const failure of failures) {
    context.events.emit('entity-failed', { phase: 'load', entityType: type, ...failure });
  }
  if (batch.fatal !== undefined) throw batch.fatal;
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
