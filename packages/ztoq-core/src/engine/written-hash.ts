import type { IdMapping, WrittenPlan } from '../ports/state-store.js';
import { contentHash } from '../store/content-hash.js';
import type { StoredPlan } from './transform-phase.js';

/**
 * What a plan makes the target hold: its body, references and marker. Labels and lossy notes
 * are for reports; a change there alone (a parent folder renamed changes every descendant's
 * label) is no reason to write to the target.
 */
export function writtenPlanOf(plan: StoredPlan): WrittenPlan {
  return { body: plan.body, refs: plan.refs, marker: plan.marker };
}

/** The hash of `writtenPlanOf(plan)`, which decides whether a written entity needs an update. */
export function writtenHash(plan: StoredPlan): string {
  return contentHash(writtenPlanOf(plan));
}

/**
 * Whether a `done` entity is planned differently from what was written: an edit in the source
 * that load carries over, and that a dry run counts as an update. `planHash` is the content hash
 * of the whole stored plan (worked out only when needed), which rows written before the written hash was kept compare instead.
 */
export function changedSinceWritten(mapping: IdMapping, plan: StoredPlan, planHash: () => string): boolean {
  if (mapping.state !== 'done') return false;
  return mapping.writtenHash !== null
    ? mapping.writtenHash !== writtenHash(plan)
    : mapping.contentHash !== null && mapping.contentHash !== planHash();
}
