import type * as core from '@actions/core';
import { type MigrationResult, redact } from '@ztoq/core';
import { formatHttpStats } from '@ztoq/reporters';

type Summary = typeof core.summary;
type Row = Parameters<Summary['addTable']>[0][number];

/**
 * The run's account on the workflow run page: the outcome first, then the tables a reviewer
 * checks (what was loaded, what validation found, what could not be carried). The summary is
 * HTML that `core.summary` does not escape, and entity names and error text come from the
 * vendors, so every value is escaped and redacted on the way in.
 */
export function addResultToSummary(summary: Summary, result: MigrationResult): Summary {
  const target = result.targetProjectId === null ? '' : ` → qTest project ${result.targetProjectId}`;
  summary.addHeading(text(`ztoq: ${result.projectKey}${target}`), 2);
  summary.addRaw(
    `<p><strong>${text(result.status)}</strong> (exit code ${result.exitCode})${result.dryRun ? ', dry run' : ''}` +
      ` · phase ${text(result.phase)} · migration <code>${text(result.migrationId)}</code>` +
      ` · run <code>${text(result.runId)}</code></p>`,
    true,
  );
  if (result.error) summary.addRaw(`<p>Error: ${text(result.error)}</p>`, true);
  if (result.phases.length > 0) {
    summary.addList(result.phases.map((phase) => text(`${phase.phase}: ${phase.status}`)));
  }

  if (result.plan) {
    section(
      summary,
      'What load would do',
      ['Type', 'Planned', 'Would create', 'Would update', 'Unchanged', 'Removed in source'],
      result.plan,
      (plan) => [plan.planned, plan.wouldCreate, plan.wouldUpdate, plan.unchanged, plan.removedInSource],
    );
  }
  section(
    summary,
    'Load',
    ['Type', 'Planned', 'Created', 'Adopted', 'Updated', 'Unchanged', 'Failed', 'Skipped'],
    result.load,
    (c) => [c.planned, c.created, c.adopted, c.updated, c.unchanged, c.failed, c.skipped],
  );
  section(
    summary,
    'Removed in source (kept in qTest)',
    ['Type', 'Entities'],
    Object.fromEntries(Object.entries(result.removedInSource ?? {}).filter(([, count]) => count > 0)),
    (count) => [count],
  );
  section(
    summary,
    'Validation',
    ['Type', 'Expected', 'Found', 'Missing', 'Mismatched', 'Not loaded'],
    result.validation,
    (c) => [c.expected, c.found, c.missing, c.mismatched, c.notLoaded],
  );
  section(summary, 'Not carried (lossy)', ['Kind', 'Entities', 'Count', 'Example'], result.lossy, (lossy) => [
    lossy?.entities ?? 0,
    lossy?.total ?? 0,
    lossy?.examples[0] ?? '',
  ]);
  if (result.preflight.problems.length > 0) {
    summary.addHeading('Preflight problems', 3);
    summary.addList(
      result.preflight.problems.map((problem) =>
        problem.mappingKey
          ? `${text(problem.message)} (mapping: <code>${text(problem.mappingKey)}</code>)`
          : text(problem.message),
      ),
    );
  }
  if (result.notices.length > 0) {
    summary.addHeading('Notes', 3);
    summary.addList(result.notices.map(text));
  }
  if (result.http) {
    // Per endpoint, so a slow or failing endpoint is visible; the table holds no vendor data.
    summary.addHeading('HTTP requests', 3).addRaw(formatHttpStats(result.http), true);
  }
  return summary;
}

/** A run that never started (bad inputs, refused credentials, unknown project) still says why. */
export function addFailureToSummary(summary: Summary, message: string, projectKey?: string): Summary {
  return summary
    .addHeading(text(projectKey ? `ztoq: ${projectKey} not run` : 'ztoq: not run'), 2)
    .addRaw(`<p><strong>failed</strong>: ${text(message)}</p>`, true);
}

/** Where the project stands in the queue after this run, and what the chain does next. */
export function addChainToSummary(
  summary: Summary,
  chain: { projectKey: string; state: string; stoppedByBudget: boolean; note: string },
): Summary {
  const why = chain.stoppedByBudget ? ' (the time budget was spent; the next run continues it)' : '';
  return summary
    .addHeading('Queue', 3)
    .addRaw(
      `<p>${text(chain.projectKey)}: <strong>${text(chain.state)}</strong>${text(why)}. ${text(chain.note)}</p>`,
      true,
    );
}

/** One table per record, keyed by its first column; a record with no entries adds nothing. */
function section<T>(
  summary: Summary,
  heading: string,
  header: string[],
  record: Record<string, T>,
  cells: (value: T) => (number | string)[],
): void {
  const entries = Object.entries(record);
  if (entries.length === 0) return;
  const rows: Row[] = [
    header.map((data) => ({ data, header: true })),
    ...entries.map(([key, value]) => [text(key), ...cells(value).map((cell) => text(String(cell)))]),
  ];
  summary.addHeading(heading, 3).addTable(rows);
}

function text(value: string): string {
  return redact(value)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}
