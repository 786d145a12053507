import type { WrittenPlan } from '../ports/state-store.js';
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
