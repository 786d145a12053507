import { ExitCode, SourceEntityMissing, ZtoqError } from '../errors.js';
import type { CanonicalEntityType, CanonicalTestCase, CanonicalTestExecution } from '../model/canonical.js';
import type { IdMapping, JsonValue } from '../ports/state-store.js';
import type { PlannedEntity, TargetPreflight } from '../ports/target.js';
import { contentHash } from '../store/content-hash.js';
import { buildCensus } from './build-census.js';
import { errorLine } from './error-line.js';
import { LossyTally } from './lossy-tally.js';
import { loadMappingLookups } from './mapping-lookups.js';
import type { PlanCounts } from './migration-result.js';
import { type PhaseContext, throwIfAborted } from './phase-context.js';
import { type PlannedUpdate, planDiff } from './plan-diff.js';
import { readBackAgainstWritten } from './read-back-written.js';
import { limitedTestCaseKeys } from './rehearsal-limit.js';
import { changedSinceWritten, writtenPlanOf } from './written-hash.js';

/** The source streams the mapper turns into target entities, parents first. */
const MAPPED_TYPES: readonly CanonicalEntityType[] = [
  'folder',
  'test-case',
  'test-plan',
  'test-cycle',
  'test-execution',
];
const PAGE_SIZE = 500;
/** Where the preflight's decisions are kept for later phases and reports. */
export const PREFLIGHT_STREAM = 'transform:preflight';
/** What the last transform planned and found lossy, so a later load or validate run can say it. */
export const TRANSFORM_SUMMARY_STREAM = 'transform:summary';

/** A preflight found values it cannot carry: nothing has been written to the target's data. */
export class PreflightError extends ZtoqError {
  constructor(readonly preflight: TargetPreflight) {
    const list = preflight.problems.map((problem) => problem.message).join('; ');
    super(`preflight found ${preflight.problems.length} problem(s): ${list}`, ExitCode.usage);
    this.name = 'PreflightError';
  }
}

/** The stored form of a planned entity: everything but its type and id, which key the row. */
export type StoredPlan = Omit<PlannedEntity, 'type' | 'sourceId'>;

/**
 * Maps every stored source entity to the target entities it becomes and stores them with their
 * hashes; with `dryRun` nothing is stored and the plan (what load would create) is counted
 * instead. Deterministic: mapping the same entities with the same preflight gives the same rows.
 */
export async function transformPhase(context: PhaseContext): Promise<Record<string, number>> {
  const { store, target, options, signal, result, runId } = context;
  const { projectKey, dryRun } = options;
  const scopeKeys =
    options.limit === undefined
      ? undefined
      : new Set(await limitedTestCaseKeys(store, projectKey, options.limit));

  const census = await buildCensus(store, projectKey, scopeKeys ? { testCaseKeys: scopeKeys } : {});
  throwIfAborted(signal);
  const preflight = await target.preflight(census, {
    mapping: options.mapping,
    createFields: options.createFields,
    dryRun,
    targetRoot: options.targetRoot,
    signal,
  });
  result.preflight = { problems: preflight.problems, changes: preflight.changes };
  if (preflight.problems.length > 0) throw new PreflightError(preflight);
  if (!dryRun) {
    await store.saveCheckpoint(projectKey, {
      stream: PREFLIGHT_STREAM,
      cursor: { context: preflight.context, changes: preflight.changes as unknown as JsonValue },
    });
  }

  const mapper = target.createMapper(preflight.context, {
    projectKey,
    mapping: options.mapping,
    targetRoot: options.targetRoot,
  });
  const lookups = await loadMappingLookups(store, projectKey);
  const lossy = new LossyTally();
  const plan = new PlanCounter(context);
  const counts: Record<string, number> = {};

  /** Stores one source page's plans with one write per target type, not one per entity. */
  const save = async (plans: { planned: PlannedEntity[]; sourceHash: string }[]) => {
    const byType = new Map<string, { entity: PlannedEntity; sourceHash: string }[]>();
    for (const { planned, sourceHash } of plans) {
      for (const entity of planned) {
        if (!plan.firstSighting(entity)) continue;
        lossy.add(entity);
        const list = byType.get(entity.type) ?? [];
        list.push({ entity, sourceHash });
        byType.set(entity.type, list);
      }
    }
    for (const [type, entries] of byType) {
      counts[type] = (counts[type] ?? 0) + entries.length;
      if (dryRun) {
        await plan.count(
          type,
          entries.map(({ entity }) => entity),
        );
      } else {
        await store.putTransformedEntities(
          projectKey,
          type,
          entries.map(({ entity: { type: _type, sourceId, ...stored }, sourceHash }) => ({
            sourceId,
            payload: stored,
            sourceHash,
          })),
          context.runId,
        );
      }
    }
  };

  await save([{ planned: mapper.containers(), sourceHash: 'containers' }]);
  for (const type of MAPPED_TYPES) {
    let done = 0;
    for await (const page of store.iterateSourceEntityPages(projectKey, type, { pageSize: PAGE_SIZE })) {
      throwIfAborted(signal);
      const plans: { planned: PlannedEntity[]; sourceHash: string }[] = [];
      const mapped: string[] = [];
      const failureKey = { projectKey, phase: 'transform' as const, entityType: type };
      for (const entity of page) {
        const payload = entity.payload as unknown as CanonicalTestCase & CanonicalTestExecution;
        if (scopeKeys && !inScope(type, payload, scopeKeys)) continue;
        try {
          plans.push({ planned: await mapper.map(type, payload, lookups), sourceHash: entity.contentHash });
          mapped.push(entity.sourceId);
        } catch (error) {
          // An entity naming one that was not read (its read failed) fails alone; the rest is mapped.
          if (!(error instanceof SourceEntityMissing)) throw error;
          if (!dryRun) {
            await store.recordFailure({
              ...failureKey,
              sourceId: entity.sourceId,
              runId,
              error: errorLine(error),
            });
          }
          context.logger.warn(`transform: ${type} ${entity.sourceId} not mapped: ${errorLine(error)}`);
        }
      }
      if (!dryRun && mapped.length > 0) await store.clearFailures(failureKey, mapped);
      await save(plans);
      done += page.length;
      context.events.emit('progress', { phase: 'transform', entityType: type, done });
    }
  }

  result.transformed = counts;
  result.lossy = lossy.summary();
  if (dryRun) {
    result.plan = await plan.summary(scopeKeys === undefined);
    result.planUpdates = plan.updates();
  } else {
    // A complete transform planned everything the source still holds; a rehearsal did not.
    if (scopeKeys === undefined) {
      const removed = await store.markUnplannedRemoved(projectKey, context.runId);
      for (const [type, count] of Object.entries(removed)) {
        context.logger.info(
          `transform: ${count} ${type} entities are no longer planned (gone from the source)`,
        );
      }
    }
    result.removedInSource = await store.countRemovedInSource(projectKey);
    await store.saveCheckpoint(projectKey, {
      stream: TRANSFORM_SUMMARY_STREAM,
      cursor: { transformed: counts, lossy: result.lossy } as unknown as JsonValue,
    });
  }
  return counts;
}

function inScope(type: CanonicalEntityType, entity: { key: string; testCaseKey: string }, keys: Set<string>) {
  if (type === 'test-case') return keys.has(entity.key);
  if (type === 'test-execution') return keys.has(entity.testCaseKey);
  return true;
}

/**
 * Several executions plan the same run; each target entity is counted (and its lossy notes
 * tallied) once. Ids are remembered only for entities the mapper marks `shared`. Each planned
 * entity is judged against the id map as load would judge it: new, changed since written, or
 * unchanged; what the target holds and nothing plans any more is removed in the source.
 * Entities whose plan changed are listed with the fields that change: what load would update.
 */
class PlanCounter {
  readonly #seen = new Map<string, Set<string>>();
  readonly #planned = new Map<string, Set<string>>();
  readonly #plan: Record<string, PlanCounts> = {};
  readonly #updates: PlannedUpdate[] = [];

  constructor(private readonly context: PhaseContext) {}

  firstSighting(entity: PlannedEntity): boolean {
    if (!entity.shared) return true;
    let seen = this.#seen.get(entity.type);
    if (!seen) {
      seen = new Set();
      this.#seen.set(entity.type, seen);
    }
    if (seen.has(entity.sourceId)) return false;
    seen.add(entity.sourceId);
    return true;
  }

  async count(type: string, entities: PlannedEntity[]): Promise<void> {
    const mappings = await this.context.store.getMappings(
      this.context.options.projectKey,
      type,
      entities.map((entity) => entity.sourceId),
    );
    const counts = this.#counts(type);
    const planned = this.#planned.get(type) ?? new Set<string>();
    this.#planned.set(type, planned);
    counts.planned += entities.length;
    const updates: PlannedUpdate[] = [];
    for (const entity of entities) {
      planned.add(entity.sourceId);
      const mapping = mappings.get(entity.sourceId);
      const { type: _type, sourceId, ...stored } = entity;
      if (mapping?.state !== 'done') {
        counts.wouldCreate += 1;
        continue;
      }
      if (!changedSinceWritten(mapping, stored, () => contentHash(stored))) {
        counts.unchanged += 1;
        continue;
      }
      counts.wouldUpdate += 1;
      updates.push({
        entityType: type,
        sourceId,
        targetId: mapping.targetId,
        label: stored.label,
        changes: mapping.writtenPlan === null ? null : planDiff(mapping.writtenPlan, writtenPlanOf(stored)),
      });
    }
    await this.#checkTargetEdits(updates, mappings);
    this.#updates.push(...updates);
  }

  /**
   * Reads each entity the next run would update back from the target and compares it with what
   * ztoq last wrote, as load does before updating: one read per such entity, none for the rest.
   */
  async #checkTargetEdits(updates: PlannedUpdate[], mappings: Map<string, IdMapping>): Promise<void> {
    const checked = updates.flatMap((update) => {
      const mapping = mappings.get(update.sourceId);
      return mapping?.writtenPlan && mapping.targetId !== null
        ? [{ update, mapping, written: mapping.writtenPlan, targetId: mapping.targetId }]
        : [];
    });
    const verifications = await readBackAgainstWritten(
      this.context,
      checked.map((item) => ({
        written: item.written,
        entity: {
          type: item.update.entityType,
          sourceId: item.update.sourceId,
          body: item.written.body,
          marker: item.written.marker,
          refs: {},
          targetId: item.targetId,
          data: item.mapping.targetData,
        },
      })),
    );
    checked.forEach(({ update }, index) => {
      const verification = verifications[index];
      if (verification === undefined) return;
      if ('error' in verification) throw verification.error;
      if (verification.differences.length === 0) return;
      update.editedInTarget = verification.differences;
      update.onTargetEdit = this.context.options.onTargetEdit;
    });
  }

  /**
   * With `complete`, every done entity of a type that this plan left out is removed in the
   * source, as the real transform would mark it; a rehearsal (`--limit`) plans a part, so it
   * can only repeat what the store already knows to be removed.
   */
  async summary(complete: boolean): Promise<Record<string, PlanCounts>> {
    const { store, target, options } = this.context;
    if (!complete) {
      for (const [type, count] of Object.entries(await store.countRemovedInSource(options.projectKey))) {
        this.#counts(type).removedInSource = count;
      }
      return this.#plan;
    }
    for (const type of target.entityTypes) {
      const planned = this.#planned.get(type) ?? new Set<string>();
      let removed = 0;
      for await (const page of store.iterateMappingPages(options.projectKey, type, { state: 'done' })) {
        removed += page.filter((mapping) => !planned.has(mapping.sourceId)).length;
      }
      if (removed > 0) this.#counts(type).removedInSource = removed;
    }
    return this.#plan;
  }

  #counts(type: string): PlanCounts {
    const counts = this.#plan[type] ?? {
      planned: 0,
      wouldCreate: 0,
      wouldUpdate: 0,
      unchanged: 0,
      removedInSource: 0,
    };
    this.#plan[type] = counts;
    return counts;
  }

  updates(): PlannedUpdate[] {
    return this.#updates;
  }
}
