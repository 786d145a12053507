import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { MigrationReport } from '@ztoq/core';
import { defineReporter } from './define-reporter.js';
import { formatDuration } from './format-duration.js';

/** At most this many failures and removed entities: the summary points at the full report instead. */
const LISTED = 10;

/**
 * `summary.md`: a few lines and one table, short enough for a GitHub job summary
 * (`cat summary.md >> $GITHUB_STEP_SUMMARY`) or the body of a Slack message or an e-mail.
 */
export const markdownReporter = defineReporter({
  name: 'md',
  async render(report, { outDir }) {
    const file = path.join(outDir, 'summary.md');
    await writeFile(file, formatMarkdownSummary(report));
    return [file];
  },
});

export function formatMarkdownSummary(report: MigrationReport): string {
  const lines = [
    `## ztoq migration ${text(report.projectKey)}: ${report.status}`,
    '',
    report.migrationId === null
      ? 'No migration of this project has run yet.'
      : `Migration \`${report.migrationId}\` into qTest project ${text(report.qtestProjectId ?? '–')}: ` +
        `${report.runs.length} run(s), ${formatDuration(report.durationMs)}, exit code ${report.exitCode ?? '–'}.`,
  ];
  if (report.error) lines.push('', `> ${text(report.error)}`);
  lines.push(
    '',
    '| Type | Planned | Loaded | Created | Updated | Unchanged | Removed in source | Already present | Failed | Skipped |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const row of report.entities) {
    lines.push(
      `| ${row.type} | ${row.transformed} | ${row.loaded} | ${row.created} | ${row.updated} | ${row.unchanged} | ${row.removedInSource} | ${row.alreadyPresent} | ${row.failed} | ${row.skipped} |`,
    );
  }
  if (report.validation.ran) {
    const missing = report.validation.types.reduce((sum, type) => sum + type.missing, 0);
    const mismatched = report.validation.types.reduce((sum, type) => sum + type.mismatched, 0);
    lines.push('', `Validation: ${missing} missing, ${mismatched} different in qTest.`);
  } else {
    lines.push('', 'Validation has not run.');
  }
  if (report.failures.total > 0) {
    lines.push('', `**${report.failures.total} open failure(s)**:`);
    for (const failure of report.failures.items.slice(0, LISTED)) {
      lines.push(
        `- ${failure.phase} ${failure.entityType} ${text(failure.sourceKey)}: ${text(failure.error)}`,
      );
    }
    if (report.failures.total > LISTED) lines.push(`- … and ${report.failures.total - LISTED} more`);
  }
  const removed = report.removedInSource;
  if (removed.length > 0) {
    lines.push(
      '',
      `**${removed.length} removed in source** (gone from Zephyr, kept in qTest, never deleted):`,
    );
    for (const entity of removed.slice(0, LISTED)) {
      lines.push(
        `- ${entity.type} ${text(entity.sourceKey)} ${text(entity.label)} (noticed ${entity.removedAt})`,
      );
    }
    if (removed.length > LISTED) lines.push(`- … and ${removed.length - LISTED} more`);
  }
  if (report.targetEdits.length > 0) {
    lines.push('', `**${report.targetEdits.length} entit(ies) edited in qTest since ztoq wrote them**:`);
    for (const edit of report.targetEdits.slice(0, LISTED)) {
      lines.push(
        `- ${edit.entityType} ${text(edit.label)}: ${edit.action}; qTest differs in ${text(edit.differences.join('; '))}`,
      );
    }
    if (report.targetEdits.length > LISTED) lines.push(`- … and ${report.targetEdits.length - LISTED} more`);
  }
  if (report.lossy.length > 0) {
    lines.push('', 'Not carried as Zephyr had it:');
    for (const lossy of report.lossy) {
      lines.push(`- ${lossy.kind}: ${lossy.total} in ${lossy.entities} entities`);
    }
  }
  for (const notice of report.notices) lines.push('', `_${text(notice)}_`);
  return `${lines.join('\n')}\n`;
}

/**
 * Names come from Zephyr and qTest users: HTML-escaped so a job summary or mail client shows
 * them as typed, and kept on one line so they cannot start a heading or a table row.
 */
function text(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('|', '\\|')
    .replace(/\s*[\r\n]+\s*/g, ' ');
}
