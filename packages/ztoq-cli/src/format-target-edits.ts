import type { MigrationResult } from '@ztoq/core';

/** Entities listed on a terminal; `--json` and the report carry the rest. */
const MAX_SHOWN = 20;

/**
 * Entities edited in qTest by hand since ztoq wrote them, which the run found before updating
 * them: each with what it did (kept or overwrote) and how qTest differs from what ztoq wrote.
 * Validation differences of entities qTest changed on its own side are named as well.
 */
export function formatTargetEdits(result: MigrationResult): string[] {
  const lines: string[] = [];
  const edits = result.targetEdits ?? [];
  const total = Object.values(result.targetEdited ?? {}).reduce(
    (sum, count) => sum + count.kept + count.overwritten,
    0,
  );
  if (total > 0) {
    lines.push('', `edited in qTest since ztoq wrote them (${total}):`);
    for (const edit of edits.slice(0, MAX_SHOWN)) {
      const action = edit.action === 'kept' ? 'kept (--on-target-edit keep)' : 'overwritten';
      lines.push(`  ${edit.entityType} ${edit.label} (qTest id ${edit.targetId}): ${action}`);
      lines.push(`    ${edit.differences.join('; ')}`);
    }
    if (total > MAX_SHOWN) lines.push(`  … and ${total - MAX_SHOWN} more (--json lists the first 500)`);
  }
  const differing = result.differences.filter((difference) => difference.editedInTarget);
  if (differing.length > 0) {
    lines.push('', 'differ from both the source and what ztoq last wrote (edited in qTest):');
    for (const difference of differing.slice(0, MAX_SHOWN)) {
      lines.push(`  ${difference.entityType} ${difference.label} (qTest id ${difference.targetId})`);
    }
    if (differing.length > MAX_SHOWN) lines.push(`  … and ${differing.length - MAX_SHOWN} more`);
  }
  return lines;
}
