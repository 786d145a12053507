import { contentHash } from '../store/content-hash.js';
import type { StoredPlan } from './transform-phase.js';

/**
 * The hash of what a plan makes the target hold: its body, references and marker. Labels and
 * lossy notes are for reports; a change there alone (a parent folder renamed changes every
 * descendant's label) is no reason to write to the target.
 */
export function writtenHash(plan: StoredPlan): string {
  return contentHash({ body: plan.body, refs: plan.refs, marker: plan.marker });
}
