import type { FieldChange, MigrationResult } from '@ztoq/core';

/** Entities listed on a terminal; `--json` carries every one. */
export const MAX_UPDATES_SHOWN = 20;
/** Changed fields listed per entity. */
const MAX_FIELDS_SHOWN = 8;
/** Characters of a value shown before it is cut. */
const MAX_VALUE_LENGTH = 60;

/**
 * What a dry run found the next run would update: each entity written earlier whose plan
 * changed, with its changed fields as `path: old → new`. Empty when nothing would be updated.
 */
export function formatPlanUpdates(result: MigrationResult): string[] {
  const updates = result.planUpdates ?? [];
  if (updates.length === 0) return [];
  const lines = [
    '',
    `would update ${updates.length} entit${updates.length === 1 ? 'y' : 'ies'} written earlier:`,
  ];
  for (const update of updates.slice(0, MAX_UPDATES_SHOWN)) {
    const where = update.targetId === null ? '' : ` (qTest id ${update.targetId})`;
    lines.push(`  ${update.entityType} ${shown(update.label, 0)}${where}`);
    if (update.editedInTarget) {
      const next =
        update.onTargetEdit === 'overwrite' ? 'would overwrite it' : 'would keep it (--on-target-edit keep)';
      lines.push(
        `    edited in qTest since ztoq wrote it (${update.editedInTarget.join('; ')}): the next run ${next}`,
      );
    }
    if (update.changes === null) {
      lines.push('    written before ztoq kept what it wrote: the changed fields are not known');
      continue;
    }
    for (const change of update.changes.slice(0, MAX_FIELDS_SHOWN)) lines.push(`    ${fieldLine(change)}`);
    const hidden = update.changes.length - MAX_FIELDS_SHOWN;
    if (hidden > 0) lines.push(`    … and ${hidden} more field(s)`);
  }
  const more = updates.length - MAX_UPDATES_SHOWN;
  if (more > 0) lines.push(`  … and ${more} more (--json lists them all)`);
  return lines;
}

/**
 * `body.name: "Old" → "New"`; a field that is not there on one side reads `(none)`. Long
 * values are cut, and two long texts that start alike are shown from a little before where
 * they part, so the change itself stays in view.
 */
export function fieldLine(change: FieldChange): string {
  const old = change.old === undefined ? undefined : JSON.stringify(change.old);
  const next = change.new === undefined ? undefined : JSON.stringify(change.new);
  let from = 0;
  if (old !== undefined && next !== undefined) {
    while (from < old.length && from < next.length && old[from] === next[from]) from += 1;
    from = Math.max(0, from - CONTEXT_BEFORE_CHANGE);
  }
  return `${change.path}: ${shown(old, from)} → ${shown(next, from)}`;
}

function shown(text: string | undefined, from: number): string {
  if (text === undefined) return '(none)';
  const start = from > 0 ? `…${text.slice(from)}` : text;
  return start.length > MAX_VALUE_LENGTH ? `${start.slice(0, MAX_VALUE_LENGTH - 1)}…` : start;
}

/** Characters kept before the point where two values part. */
const CONTEXT_BEFORE_CHANGE = 12;
