import type { MigrationReport, ReportFailure } from '@ztoq/core';
import { formatDuration } from '../format-duration.js';
import { barChart } from './bar-chart.js';
import { throughputChart } from './throughput-chart.js';

/** Rows beyond this make a page no browser scrolls happily; the CSV files have them all. */
export const HTML_FAILURE_ROWS = 500;

const STATUS_TONE: Record<string, string> = {
  succeeded: 'good',
  partial: 'warn',
  failed: 'bad',
  interrupted: 'bad',
  running: 'warn',
  'not run': 'none',
};

/** Everything the HTML template shows, precomputed: Mustache templates stay free of logic. */
export function reportView(report: MigrationReport) {
  const failureRows = (items: readonly ReportFailure[]) =>
    items.slice(0, HTML_FAILURE_ROWS).map((failure) => ({ ...failure }));
  const executionNames = [
    ...new Set(
      [...report.executionStatus.source, ...report.executionStatus.target].map((count) => count.name),
    ),
  ];
  const sourceStatus = new Map(report.executionStatus.source.map((count) => [count.name, count.count]));
  const targetStatus = new Map(report.executionStatus.target.map((count) => [count.name, count.count]));
  return {
    report,
    statusTone: STATUS_TONE[report.status] ?? 'none',
    duration: formatDuration(report.durationMs),
    exitCode: report.exitCode ?? '–',
    qtestProjectId: report.qtestProjectId ?? '–',
    migrationId: report.migrationId ?? 'none yet',
    runs: report.runs.map((run) => ({ ...run, duration: formatDuration(run.durationMs) })),
    phases: report.phases.map((phase) => ({
      ...phase,
      duration: formatDuration(phase.durationMs),
      counts: Object.entries(phase.counts)
        .map(([name, count]) => `${name} ${count}`)
        .join(', '),
    })),
    entityChart: barChart(
      [
        { key: 'planned', label: 'from Zephyr' },
        { key: 'loaded', label: 'loaded in qTest' },
        { key: 'failed', label: 'failed or skipped' },
      ],
      report.entities.map((row) => ({
        label: row.type,
        values: { planned: row.transformed, loaded: row.loaded, failed: row.failed + row.skipped },
      })),
    ),
    executionChart: barChart(
      [
        { key: 'source', label: 'Zephyr' },
        { key: 'target', label: 'qTest' },
      ],
      executionNames.map((name) => ({
        label: name,
        values: { source: sourceStatus.get(name) ?? 0, target: targetStatus.get(name) ?? 0 },
      })),
    ),
    throughput: throughputChart(report.throughput),
    failures: failureRows(report.failures.items),
    failuresTruncated: report.failures.total > HTML_FAILURE_ROWS,
    mismatches: failureRows(report.validation.mismatches),
    mismatchesTruncated: report.validation.mismatches.length > HTML_FAILURE_ROWS,
    removed: report.removedInSource
      .slice(0, HTML_FAILURE_ROWS)
      .map((entity) => ({ ...entity, targetId: entity.targetId ?? '–' })),
    removedTruncated: report.removedInSource.length > HTML_FAILURE_ROWS,
    rowLimit: HTML_FAILURE_ROWS,
    http: report.http.map((api) => ({
      ...api,
      responses: Object.entries(api.responses)
        .map(([status, count]) => `${status}×${count}`)
        .join(' '),
    })),
  };
}
