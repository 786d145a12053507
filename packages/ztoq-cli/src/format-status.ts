import type { MigrationStatusReport } from '@ztoq/core';

export function formatStatus(status: MigrationStatusReport): string {
  const lines = [`project ${status.projectKey}`];
  if (!status.latestRun) return `${lines[0]}: no migration has run yet\n`;
  lines.push(
    `migration ${status.migrationId}`,
    `latest run ${status.latestRun.id} (${status.latestRun.phase}): ${status.latestRun.status}`,
    '',
    'phase       state',
  );
  for (const phase of status.phases) lines.push(`${phase.phase.padEnd(11)} ${phase.status}`);
  lines.push('', 'extracted');
  for (const [type, count] of Object.entries(status.extracted)) lines.push(`  ${type.padEnd(16)} ${count}`);
  lines.push('', 'target type      planned  done  pending  failed');
  for (const [type, planned] of Object.entries(status.transformed)) {
    const loaded = status.loaded[type] ?? { done: 0, pending: 0, failed: 0 };
    lines.push(
      `  ${type.padEnd(14)} ${String(planned).padStart(7)} ${String(loaded.done).padStart(5)} ${String(loaded.pending).padStart(8)} ${String(loaded.failed).padStart(7)}`,
    );
  }
  lines.push('');
  if (status.latestLoad) {
    lines.push(
      `latest load: run ${status.latestLoad.runId}`,
      'target type      created  updated  unchanged  removed in source',
    );
    for (const type of Object.keys(status.transformed)) {
      const load = status.load[type];
      lines.push(
        `  ${type.padEnd(14)} ${String(load?.created ?? 0).padStart(7)} ${String(load?.updated ?? 0).padStart(8)} ${String(load?.unchanged ?? 0).padStart(10)} ${String(status.removedInSource[type] ?? 0).padStart(18)}`,
      );
    }
  } else {
    lines.push('no run has loaded yet');
  }
  const failures = Object.entries(status.failures);
  lines.push(
    '',
    failures.length === 0
      ? 'no open failures'
      : `open failures: ${failures.map(([phase, count]) => `${phase} ${count}`).join(', ')}`,
  );
  return `${lines.join('\n')}\n`;
}
