import type { MigrationResult } from '../engine/migration-result.js';
import type { MigrationNotice } from '../ports/notifier.js';
import { redact } from '../secrets.js';

/**
 * What every transport says about a notice, worked out once so an e-mail, a Slack message and a
 * JSON line carry the same facts. Every value passes through `redact`: an error message or a
 * name may quote a credential, and a message leaves the machine.
 */
export interface NoticeSummary {
  projectKey: string;
  /** `ztoq: DEMO succeeded`: the e-mail subject and the Slack header. */
  title: string;
  status: string;
  facts: Array<{ label: string; value: string }>;
  runUrl?: string;
}

export function summarizeNotice(notice: MigrationNotice, runUrl?: string): NoticeSummary {
  const base = describe(notice);
  return {
    projectKey: redact(base.projectKey),
    title: redact(`ztoq: ${base.projectKey} ${base.status}`),
    status: base.status,
    facts: base.facts.map(({ label, value }) => ({ label, value: redact(value) })),
    ...(runUrl ? { runUrl: redact(runUrl) } : {}),
  };
}

function describe(notice: MigrationNotice): Omit<NoticeSummary, 'title' | 'runUrl'> {
  switch (notice.kind) {
    case 'run-started':
      return {
        projectKey: notice.projectKey,
        status: 'started',
        facts: [
          { label: 'Migration', value: notice.migrationId },
          { label: 'Phase', value: notice.phase },
        ],
      };
    case 'phase-finished':
      return {
        projectKey: notice.projectKey,
        status: `${notice.phase} finished`,
        facts: [{ label: 'Migration', value: notice.migrationId }, ...countFacts(notice.counts)],
      };
    case 'progress':
      return {
        projectKey: notice.projectKey,
        status: `${notice.phase} in progress`,
        facts: [
          { label: 'Migration', value: notice.migrationId },
          {
            label: notice.entityType,
            value: notice.total === undefined ? `${notice.done}` : `${notice.done} of ${notice.total}`,
          },
        ],
      };
    case 'run-failed':
      return {
        projectKey: notice.projectKey,
        status: 'failed',
        facts: [
          { label: 'Migration', value: notice.migrationId },
          { label: 'Error', value: notice.error },
        ],
      };
    case 'run-finished': {
      const { result } = notice;
      const failures = Object.values(result.failures).reduce((sum, count) => sum + count, 0);
      const lossy = Object.entries(result.lossy).map(([kind, summary]) => `${kind} ${summary?.total ?? 0}`);
      const migrated = Object.entries(result.load).map(
        ([type, counts]) =>
          `${type} ${counts.created + counts.adopted + counts.updated + counts.unchanged}/${counts.planned}`,
      );
      return {
        projectKey: result.projectKey,
        status: result.dryRun ? `${result.status} (dry run)` : result.status,
        facts: [
          { label: 'Migration', value: result.migrationId },
          { label: 'Duration', value: duration(result.startedAt, result.finishedAt) },
          { label: 'Migrated', value: migrated.length > 0 ? migrated.join(', ') : 'nothing loaded' },
          ...changeFacts(result),
          { label: 'Failures', value: `${failures}` },
          { label: 'Lossy', value: lossy.length > 0 ? lossy.join(', ') : 'none' },
          ...(result.error ? [{ label: 'Error', value: result.error }] : []),
        ],
      };
    }
  }
}

/**
 * Per type what the run created, updated, left unchanged and found removed in the source (a dry
 * run: what load would do). Types with none are left out, so the line names what happened.
 */
function changeFacts(result: MigrationResult): Array<{ label: string; value: string }> {
  const removed = result.plan
    ? Object.fromEntries(Object.entries(result.plan).map(([type, plan]) => [type, plan.removedInSource]))
    : (result.removedInSource ?? {});
  const rows: Array<[string, Record<string, number>]> = result.plan
    ? [
        ['Would create', perType(result.plan, (plan) => plan.wouldCreate)],
        ['Would update', perType(result.plan, (plan) => plan.wouldUpdate)],
        ['Unchanged', perType(result.plan, (plan) => plan.unchanged)],
      ]
    : [
        ['Created', perType(result.load, (counts) => counts.created)],
        ['Updated', perType(result.load, (counts) => counts.updated)],
        ['Unchanged', perType(result.load, (counts) => counts.unchanged)],
      ];
  rows.push(['Removed in source', removed]);
  return rows.map(([label, counts]) => {
    const named = Object.entries(counts).filter(([, count]) => count > 0);
    return {
      label,
      value: named.length > 0 ? named.map(([type, count]) => `${type} ${count}`).join(', ') : 'none',
    };
  });
}

function perType<T>(byType: Record<string, T>, count: (value: T) => number): Record<string, number> {
  return Object.fromEntries(Object.entries(byType).map(([type, value]) => [type, count(value)]));
}

function countFacts(counts: Record<string, number>): Array<{ label: string; value: string }> {
  return Object.entries(counts).map(([label, value]) => ({ label, value: `${value}` }));
}

function duration(startedAt: string, finishedAt: string): string {
  const ms = Date.parse(finishedAt) - Date.parse(startedAt);
  if (!Number.isFinite(ms) || ms < 0) return 'unknown';
  const seconds = Math.round(ms / 1000);
  const parts = [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60];
  return parts[0]
    ? `${parts[0]}h ${parts[1]}m ${parts[2]}s`
    : parts[1]
      ? `${parts[1]}m ${parts[2]}s`
      : `${parts[2]}s`;
}
