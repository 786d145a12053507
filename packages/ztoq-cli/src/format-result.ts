import type { MigrationResult } from '@ztoq/core';
import { formatPlanUpdates } from './format-plan-updates.js';
import { formatTargetEdits } from './format-target-edits.js';

/** A one-screen account of a run for a terminal; `--json` prints the whole result instead. */
export function formatResult(result: MigrationResult): string {
  const lines = [
    `${result.projectKey}: ${result.dryRun ? 'dry run ' : ''}${result.status} (exit code ${result.exitCode})`,
    `migration ${result.migrationId}, run ${result.runId}`,
  ];
  for (const phase of result.phases) lines.push(`  ${phase.phase.padEnd(10)} ${phase.status}`);
  if (result.plan) {
    lines.push('', 'load would      planned   create   update unchanged  removed in source');
    for (const [type, plan] of Object.entries(result.plan)) {
      lines.push(
        `  ${type.padEnd(11)} ${[
          plan.planned,
          plan.wouldCreate,
          plan.wouldUpdate,
          plan.unchanged,
          plan.removedInSource,
        ]
          .map((count, index) => String(count).padStart([9, 8, 8, 9, 18][index] ?? 0))
          .join(' ')}`,
      );
    }
    lines.push(...formatPlanUpdates(result));
  }
  const load = Object.entries(result.load);
  if (load.length > 0) {
    lines.push('', 'type          planned  created  adopted  updated unchanged  failed  skipped');
    for (const [type, counts] of load) {
      lines.push(
        `  ${type.padEnd(11)} ${[
          counts.planned,
          counts.created,
          counts.adopted,
          counts.updated,
          counts.unchanged,
          counts.failed,
          counts.skipped,
        ]
          .map((count, index) => String(count).padStart(index === 0 ? 7 : 8))
          .join(' ')}`,
      );
    }
  }
  const validation = Object.entries(result.validation);
  if (validation.length > 0) {
    // `listed`: found by the target's list reads, unchanged since an earlier validate matched them.
    lines.push('', 'validation    expected  found  listed  missing  mismatched');
    for (const [type, counts] of validation) {
      lines.push(
        `  ${type.padEnd(11)} ${String(counts.expected).padStart(8)} ${String(counts.found).padStart(6)} ${String(counts.listed ?? 0).padStart(7)} ${String(counts.missing).padStart(8)} ${String(counts.mismatched).padStart(11)}`,
      );
    }
  }
  lines.push(...formatTargetEdits(result));
  const removed = Object.entries(result.removedInSource ?? {}).filter(([, count]) => count > 0);
  if (removed.length > 0) {
    // Never deleted in qTest: the user decides what to do with them.
    lines.push('', 'removed in source (kept in the target):');
    for (const [type, count] of removed) lines.push(`  ${type.padEnd(12)} ${String(count).padStart(7)}`);
  }
  const lossy = Object.entries(result.lossy);
  if (lossy.length > 0) {
    lines.push('', 'not carried (lossy):');
    for (const [kind, summary] of lossy) {
      lines.push(`  ${kind}: ${summary?.total} on ${summary?.entities} entities`);
    }
  }
  const changes = result.preflight.changes;
  if (changes.length > 0) {
    // A dry run must say it would add custom fields: that changes the qTest project's settings.
    const action = result.dryRun ? 'would create' : 'created';
    lines.push('', `qTest settings (${action}):`);
    for (const change of changes.filter((candidate) => candidate.kind === 'field')) {
      lines.push(`  ${change.objectType} field "${change.name}"`);
    }
    const values = changes.filter((change) => change.kind === 'allowed-value').length;
    if (values > 0) lines.push(`  ${values} allowed value(s)`);
  }
  for (const problem of result.preflight.problems) lines.push(`preflight: ${problem.message}`);
  for (const notice of result.notices) lines.push(`note: ${notice}`);
  return `${lines.join('\n')}\n`;
}
