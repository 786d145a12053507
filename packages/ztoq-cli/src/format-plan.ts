import type { LossyKind, MigrationResult } from '@ztoq/core';
import { formatPlanUpdates } from './format-plan-updates.js';

/** Why each kind of loss happens, in the words a person deciding on the migration needs. */
const LOSSY_REASONS: Record<LossyKind, string> = {
  'older-versions': 'qTest keeps one version of a test case; earlier Zephyr versions are not carried',
  'unmapped-user': 'the Zephyr user has no qTest user: add it under "users" in the mapping file',
  'attachment-reference': "Zephyr's API cannot export attachments; references stay as text",
  'call-to-test-expanded': "qTest's API cannot create called steps; the called test's steps are copied in",
  'unmapped-value': 'the value does not fit the qTest field; it is kept in the description',
  'not-supported': 'qTest has no place for it; it is kept in the description',
};

/**
 * `ztoq plan`: a dry run's result as tables — per type what the next load would create, update
 * (changed since written) and leave unchanged, what is gone from the source, and what would be
 * lost and why.
 */
export function formatPlan(result: MigrationResult): string {
  const lines = [`plan for ${result.projectKey} (dry run: nothing was written to qTest)`, ''];
  const plan = Object.entries(result.plan ?? {});
  const typeWidth = Math.max(11, ...plan.map(([type]) => type.length));
  const columns = ['planned', 'would create', 'would update', 'unchanged', 'removed in source'];
  lines.push(['type'.padEnd(typeWidth), ...columns].join('  '));
  for (const [type, counts] of plan) {
    const values = [
      counts.planned,
      counts.wouldCreate,
      counts.wouldUpdate,
      counts.unchanged,
      counts.removedInSource,
    ];
    lines.push(
      [
        type.padEnd(typeWidth),
        ...values.map((value, index) => String(value).padStart(columns[index]?.length ?? 0)),
      ].join('  '),
    );
  }
  if (plan.some(([, counts]) => counts.removedInSource > 0)) {
    lines.push('removed in source: gone from Zephyr, kept in qTest; ztoq never deletes them');
  }
  lines.push(...formatPlanUpdates(result));
  const lossy = Object.entries(result.lossy) as [
    LossyKind,
    NonNullable<MigrationResult['lossy'][LossyKind]>,
  ][];
  lines.push('');
  if (lossy.length === 0) lines.push('nothing would be lossy');
  else {
    lines.push('lossy                   entities  total  why');
    for (const [kind, summary] of lossy) {
      lines.push(
        `${kind.padEnd(22)}  ${String(summary.entities).padStart(8)}  ${String(summary.total).padStart(5)}  ${LOSSY_REASONS[kind] ?? kind}`,
      );
      const [example] = summary.examples;
      if (example !== undefined) lines.push(`${''.padEnd(41)}e.g. ${example}`);
    }
  }
  const fields = result.preflight.changes.filter((change) => change.kind === 'field');
  const values = result.preflight.changes.length - fields.length;
  if (result.preflight.changes.length > 0) {
    lines.push('', 'qTest settings that would be created:');
    for (const field of fields) lines.push(`  ${field.objectType} field "${field.name}"`);
    if (values > 0) lines.push(`  ${values} allowed value change(s)`);
  }
  if (result.preflight.problems.length > 0) {
    lines.push('', 'must be fixed before a migration (mapping file):');
    for (const problem of result.preflight.problems) lines.push(`  ${problem.message}`);
  }
  for (const notice of result.notices) lines.push(`note: ${notice}`);
  return `${lines.join('\n')}\n`;
}
