import type { LossyKind, PlannedEntity } from '../ports/target.js';
import type { LossySummary } from './migration-result.js';

const EXAMPLES_PER_KIND = 20;

/** Adds up what the mapping could not carry, by kind, keeping a few examples for the report. */
export class LossyTally {
  readonly #kinds = new Map<LossyKind, LossySummary>();

  add(entity: PlannedEntity): void {
    for (const note of entity.lossy) {
      let summary = this.#kinds.get(note.kind);
      if (!summary) {
        summary = { entities: 0, total: 0, examples: [] };
        this.#kinds.set(note.kind, summary);
      }
      summary.entities += 1;
      summary.total += note.count ?? 1;
      if (summary.examples.length < EXAMPLES_PER_KIND)
        summary.examples.push(`${entity.label}: ${note.message}`);
    }
  }

  summary(): Partial<Record<LossyKind, LossySummary>> {
    return Object.fromEntries(this.#kinds);
  }
}
