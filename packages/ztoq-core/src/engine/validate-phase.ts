import type { IdMapping, JsonValue, WrittenPlan } from '../ports/state-store.js';
import type { LoadedEntity, TargetCensus, Verification } from '../ports/target.js';
import { errorLine } from './error-line.js';
import type { ValidationCounts } from './migration-result.js';
import { type PhaseContext, throwIfAborted } from './phase-context.js';
import { readBackAgainstWritten } from './read-back-written.js';
import { resolveRefs } from './resolve-refs.js';
import { runInSequences } from './run-in-sequences.js';
import type { StoredPlan } from './transform-phase.js';
import { changedSinceWritten, writtenHash } from './written-hash.js';

const PAGE_SIZE = 200;
/** Differences kept in the result; every one is stored as a validate failure. */
const MAX_DIFFERENCES_IN_RESULT = 500;

/**
 * Reads loaded entities back from the target and reconciles each with its plan: per type,
 * planned vs found, and for each entity the differences the target reports. Differences are
 * listed entity by entity, never averaged away. A lean validate (see `MigrationOptions.validation`)
 * reads back only what was written since it was last found matching, or did not match then, and
 * finds the rest in the target's census; the census sees that they are there, not what they
 * hold, so a hand edit in the target shows in a full validate (`--phase validate`).
 */
export async function validatePhase(context: PhaseContext): Promise<Record<string, number>> {
  const { store, target, options, runId, signal, result } = context;
  const { projectKey } = options;
  const mode = options.validation ?? (result.phase === 'validate' ? 'full' : 'lean');
  const totals: Record<string, number> = { found: 0, listed: 0, missing: 0, mismatched: 0, notLoaded: 0 };
  for (const type of target.entityTypes) {
    const counts: ValidationCounts = {
      expected: 0,
      found: 0,
      listed: 0,
      missing: 0,
      mismatched: 0,
      notLoaded: 0,
    };
    result.validation[type] = counts;
    counts.expected = await store.countTransformedEntities(projectKey, type);
    const childType = target.countedChildren?.[type];
    const childCounts = childType ? await countChildren(context, childType, type) : undefined;
    const listed = mode === 'lean' ? await listedEntities(context, type) : undefined;
    for await (const page of store.iterateTransformedEntityPages(projectKey, type, { pageSize: PAGE_SIZE })) {
      throwIfAborted(signal);
      const mappings = await store.getMappings(
        projectKey,
        type,
        page.map((row) => row.sourceId),
      );
      const plans = page.map((row) => row.payload as unknown as StoredPlan);
      const resolutions = await resolveRefs(store, projectKey, plans);
      const loaded: { entity: LoadedEntity; plan: StoredPlan; written: WrittenPlan | null; same: boolean }[] =
        [];
      page.forEach((row, index) => {
        const mapping = mappings.get(row.sourceId);
        const resolution = resolutions[index];
        const plan = plans[index] as StoredPlan;
        if (mapping?.state !== 'done' || mapping.targetId === null || !resolution?.ok) {
          counts.notLoaded += 1;
          return;
        }
        // Only what the target holds as last written can be taken from the census: an entity
        // whose plan changed since (an update kept back over a hand edit, or not sent) is read back.
        const facts = changedSinceWritten(mapping, plan, () => row.contentHash)
          ? undefined
          : listed?.unchanged(mapping);
        if (facts !== undefined) {
          counts.found += 1;
          counts.listed += 1;
          tallyFacts(result.facts, type, facts);
          return;
        }
        loaded.push({
          plan,
          written: mapping.writtenPlan,
          same: mapping.writtenHash === writtenHash(plan),
          entity: {
            type,
            sourceId: row.sourceId,
            body: plan.body,
            marker: plan.marker,
            refs: resolution.refs,
            targetId: mapping.targetId,
            data: mapping.targetData,
            ...(childType && childCounts
              ? { expectedChildren: { [childType]: childCounts.get(row.sourceId) ?? 0 } }
              : {}),
          },
        });
      });
      const verifications = await runInSequences(
        loaded,
        () => undefined,
        options.maxWorkers,
        async (item): Promise<Verification & { editedInTarget?: boolean }> => {
          let verification: Verification;
          try {
            verification = await target.verify(item.entity);
          } catch (error) {
            return { exists: false, differences: [`could not be read back: ${errorLine(error)}`] };
          }
          if (!verification.exists || verification.differences.length === 0) return verification;
          return { ...verification, ...(await editedInTarget(context, item)) };
        },
      );
      await store.transaction(async (session) => {
        // Entities that match now: their earlier validate failures go, in one statement.
        const matched: string[] = [];
        for (const [index, verification] of verifications.entries()) {
          const item = loaded[index];
          if (!item) continue;
          const key = {
            projectKey,
            phase: 'validate' as const,
            entityType: type,
            sourceId: item.entity.sourceId,
          };
          tallyFacts(result.facts, type, verification.facts);
          if (verification.exists && verification.differences.length === 0) {
            counts.found += 1;
            matched.push(key.sourceId);
            continue;
          }
          if (verification.exists) {
            counts.found += 1;
            counts.mismatched += 1;
          } else {
            counts.missing += 1;
          }
          const differences = verification.exists
            ? verification.differences
            : [
                'not found in the target',
                ...verification.differences.filter((line) => line !== 'not found in qTest'),
              ];
          const edited = verification.editedInTarget ? `edited in ${target.name} since ztoq wrote it: ` : '';
          await session.recordFailure({ ...key, runId, error: `${edited}${differences.join('; ')}` });
          if (result.differences.length < MAX_DIFFERENCES_IN_RESULT) {
            result.differences.push({
              entityType: type,
              sourceId: item.entity.sourceId,
              targetId: item.entity.targetId,
              label: item.plan.label,
              differences,
              ...(verification.editedInTarget ? { editedInTarget: true } : {}),
            });
          }
        }
        await session.clearFailures({ projectKey, phase: 'validate', entityType: type }, matched);
        await session.markVerified(projectKey, type, matched);
      });
      context.events.emit('progress', {
        phase: 'validate',
        entityType: type,
        done: counts.found + counts.missing + counts.notLoaded,
        total: counts.expected,
      });
    }
    for (const key of Object.keys(totals)) {
      totals[key] = (totals[key] ?? 0) + (counts[key as keyof ValidationCounts] as number);
    }
  }
  return totals;
}

interface ListedEntities {
  /** The facts of an entity the census holds and that needs no read back, else `undefined`. */
  unchanged(mapping: IdMapping): Record<string, JsonValue> | undefined;
}

/**
 * What a lean validate need not read back: entities the target's census lists that were found
 * matching after their last write (`verifiedHash`) and have no validate failure open. Without a
 * census for the type (or when it cannot be read) everything is read back, as in a full validate.
 */
async function listedEntities(context: PhaseContext, type: string): Promise<ListedEntities | undefined> {
  const { target, store, options, signal, logger } = context;
  if (!target.census) return undefined;
  let census: TargetCensus | undefined;
  try {
    census = await target.census(type, { signal });
  } catch (error) {
    if (signal.aborted) throw error;
    logger.warn(`validate: could not list ${type} entities (${errorLine(error)}); reading each one back`);
    return undefined;
  }
  if (census === undefined) return undefined;
  const failing = new Set(
    (await store.listFailures(options.projectKey, { entityType: type, phase: 'validate' })).map(
      (failure) => failure.sourceId,
    ),
  );
  const { entities } = census;
  return {
    unchanged(mapping) {
      const verified = mapping.verifiedHash !== null && mapping.verifiedHash === mapping.writtenHash;
      if (!verified || failing.has(mapping.sourceId) || mapping.targetId === null) return undefined;
      return entities.get(mapping.targetId);
    },
  };
}

/**
 * Whether an entity that differs from its plan also differs from what ztoq last wrote to it,
 * i.e. was changed in the target since. When the plan is what was written, the answer is the
 * same read; otherwise (a source edit not carried yet, or kept by `--on-target-edit keep`) one
 * more read compares with the written plan. Rows from before the written plan was kept cannot
 * tell, and say nothing.
 */
async function editedInTarget(
  context: PhaseContext,
  item: { entity: LoadedEntity; written: WrittenPlan | null; same: boolean },
): Promise<{ editedInTarget?: boolean }> {
  if (item.written === null) return {};
  if (item.same) return { editedInTarget: true };
  const [verification] = await readBackAgainstWritten(context, [
    { entity: item.entity, written: item.written },
  ]);
  // The first read worked; a failed second one leaves the question open, not the entity failed.
  if (verification === undefined || 'error' in verification) return {};
  return verification.exists && verification.differences.length > 0 ? { editedInTarget: true } : {};
}

/**
 * How many planned `childType` entities reference each `parentType` entity (the logs of each
 * run), read in one pass over the children. Memory is one number per parent.
 */
async function countChildren(
  context: PhaseContext,
  childType: string,
  parentType: string,
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for await (const page of context.store.iterateTransformedEntityPages(
    context.options.projectKey,
    childType,
    {
      pageSize: 1000,
    },
  )) {
    for (const row of page) {
      for (const ref of Object.values((row.payload as unknown as StoredPlan).refs)) {
        if (ref.type === parentType) counts.set(ref.sourceId, (counts.get(ref.sourceId) ?? 0) + 1);
      }
    }
  }
  return counts;
}

/** Tallies what the target reported about entities, e.g. how many test logs ended `Passed`. */
function tallyFacts(
  facts: Record<string, Record<string, number>>,
  type: string,
  reported: Record<string, JsonValue> | undefined,
): void {
  for (const [name, value] of Object.entries(reported ?? {})) {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') continue;
    const key = `${type}.${name}`;
    const tally = facts[key] ?? {};
    facts[key] = tally;
    tally[String(value)] = (tally[String(value)] ?? 0) + 1;
  }
}
