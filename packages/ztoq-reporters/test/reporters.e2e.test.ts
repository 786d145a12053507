import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MigrationReport } from '@ztoq/core';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  csvReporter,
  formatMarkdownSummary,
  HTML_FAILURE_ROWS,
  htmlReporter,
  jsonReporter,
  markdownReporter,
  migrationReportSchema,
  renderHtmlReport,
  writeReports,
} from '../src/index.js';
import {
  allEntityRows,
  completeRun,
  emptyProject,
  HOSTILE_NAME,
  type ReportScenario,
  rerunWithEdits,
  runWithFailures,
} from './support/report-scenarios.js';

let complete: ReportScenario;
let failing: ReportScenario;
let empty: ReportScenario;
let rerun: Awaited<ReturnType<typeof rerunWithEdits>>;
beforeAll(async () => {
  [complete, failing, rerun] = await Promise.all([completeRun(), runWithFailures(), rerunWithEdits()]);
  empty = await emptyProject(complete.rig);
}, 120_000);
afterAll(async () => {
  await Promise.all([complete?.rig.close(), failing?.rig.close(), rerun?.rig.close()]);
});

const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats.default(ajv);
const validateReport = ajv.compile(migrationReportSchema);

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

function csv(text: string): Record<string, string>[] {
  expect(text.startsWith('\uFEFF')).toBe(true);
  const parsed = Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

describe('the migration report built from the store', () => {
  it('tells a complete run: everything planned is loaded and validated, executions by status on both sides', () => {
    const { report } = complete;
    expect(report.status).toBe('partial'); // older test case versions are never carried
    expect(report.exitCode).toBe(3);
    expect(report.phases.map((phase) => [phase.phase, phase.status])).toEqual([
      ['extract', 'succeeded'],
      ['transform', 'succeeded'],
      ['load', 'succeeded'],
      ['validate', 'succeeded'],
    ]);
    expect(report.failures.total).toBe(0);
    for (const row of report.entities) {
      expect(row.loaded).toBe(row.transformed);
      expect(row.created).toBe(row.transformed);
      // A first migration: nothing was in qTest before it.
      expect(row.updated + row.unchanged + row.removedInSource).toBe(0);
      expect(row.failed + row.skipped + row.pending).toBe(0);
    }
    expect(report.removedInSource).toEqual([]);
    expect(report.entities.find((row) => row.type === 'test-case')?.loaded).toBe(
      complete.rig.simulators.dataset.testCases.count,
    );
    expect(report.validation.ran).toBe(true);
    for (const type of report.validation.types) expect(type.found).toBe(type.expected);
    const executions = report.extracted.find((count) => count.name === 'test-execution')?.count ?? 0;
    expect(executions).toBeGreaterThan(0);
    expect(sum(report.executionStatus.source.map((count) => count.count))).toBe(executions);
    expect(report.executionStatus.source.map((count) => count.name)).toContain('Retest');
    // The mapping file sends Retest to Incomplete, and qTest reads back what was sent.
    expect(report.executionStatus.target.map((count) => count.name)).toContain('Incomplete');
    expect(report.lossy.find((lossy) => lossy.kind === 'older-versions')?.total).toBeGreaterThan(0);
    expect(sum(report.throughput.points.map((point) => point.loaded))).toBe(
      sum(report.entities.map((row) => row.created + row.alreadyPresent)),
    );
    expect(report.http.map((api) => api.api)).toEqual(['qTest', 'Zephyr']);
    for (const api of report.http) expect(api.requests).toBeGreaterThan(0);
  });

  it('tells a run with failures: the refused case by name, its skipped runs, nothing validated', () => {
    const { report } = failing;
    expect(report.status).toBe('partial');
    expect(report.runs.map((run) => run.phase)).toEqual(['extract', 'transform', 'load']);
    const testCases = report.entities.find((row) => row.type === 'test-case');
    expect(testCases).toMatchObject({ failed: 1 });
    expect(testCases?.loaded).toBe((testCases?.transformed ?? 0) - 1);
    expect(report.entities.find((row) => row.type === 'test-run')?.skipped).toBeGreaterThan(0);
    const refused = report.failures.items.find((failure) => failure.entityType === 'test-case');
    expect(refused?.label).toContain(HOSTILE_NAME);
    expect(refused?.error).toMatch(/HTTP 400/);
    expect(report.failures.total).toBe(report.failures.items.length);
    expect(report.validation).toEqual({ ran: false, types: [], mismatches: [] });
  });

  it('tells a re-run after edits: per type created, updated, unchanged, removed in source, and the removed listed', () => {
    const { report, edits } = rerun;
    expect(report.runs).toHaveLength(1);
    const row = (type: string) => report.entities.find((candidate) => candidate.type === type);
    expect(row('test-case')).toMatchObject({
      created: 1,
      updated: 1,
      unchanged: edits.caseCount - 2,
      removedInSource: 1,
      failed: 0,
    });
    expect(row('module')).toMatchObject({ created: 0, updated: 1, removedInSource: 0 });
    expect(row('test-log')?.removedInSource).toBe(edits.deletedExecutions);
    // In qTest: what is planned now, plus what is gone from Zephyr and kept.
    for (const counts of report.entities) {
      expect(counts.loaded, counts.type).toBe(counts.transformed + counts.removedInSource);
      expect(counts.created + counts.updated + counts.unchanged, counts.type).toBe(counts.transformed);
    }
    const removedCases = report.removedInSource.filter((entity) => entity.type === 'test-case');
    expect(removedCases).toHaveLength(1);
    expect(removedCases[0]).toMatchObject({ sourceKey: edits.deleted.key });
    expect(removedCases[0]?.label).toContain(HOSTILE_NAME);
    expect(report.removedInSource).toHaveLength(sum(report.entities.map((counts) => counts.removedInSource)));
    expect(report.notices.filter((notice) => notice.includes('new version'))).toEqual([
      '1 test case was changed in Zephyr and updated in qTest: each update made a new version of the qTest test case, and earlier versions stay in its history.',
    ]);
  });

  it('tells an empty project that nothing has run', () => {
    const { report } = empty;
    expect(report).toMatchObject({
      status: 'not run',
      migrationId: null,
      exitCode: null,
      runs: [],
      phases: [],
    });
    expect(sum(report.entities.map((row) => row.transformed + row.loaded))).toBe(0);
    expect(sum(report.extracted.map((count) => count.count))).toBe(0);
  });
});

describe.each([
  ['complete run', () => complete],
  ['run with failures', () => failing],
  ['empty project', () => empty],
  ['re-run with edits', () => rerun],
])('reporters on a %s', (_name, current) => {
  it('json: writes the report exactly, valid against the checked-in JSON Schema', async () => {
    const scenario = current();
    const outDir = await mkdtemp(path.join(tmpdir(), 'ztoq-report-json-'));
    const [file] = await jsonReporter.render(scenario.report, scenario.context(outDir));
    const written = JSON.parse(await readFile(file!, 'utf8')) as MigrationReport;
    expect(written).toEqual(scenario.report);
    expect(validateReport(written), JSON.stringify(validateReport.errors)).toBe(true);
  });

  it('csv: the whole id map, the failures and the validation, read back as written', async () => {
    const scenario = current();
    const outDir = await mkdtemp(path.join(tmpdir(), 'ztoq-report-csv-'));
    const files = await csvReporter.render(scenario.report, scenario.context(outDir));
    expect(files.map((file) => path.basename(file))).toEqual([
      'entities.csv',
      'types.csv',
      'failures.csv',
      'validation.csv',
      'removed-in-source.csv',
    ]);
    const entities = csv(await readFile(path.join(outDir, 'entities.csv'), 'utf8'));
    const rows = await allEntityRows(scenario.context(outDir));
    expect(entities).toHaveLength(sum(scenario.report.entities.map((row) => row.transformed)));
    expect(entities.map((row) => [row.type, row.source_id, row.target_id, row.status, row.label])).toEqual(
      rows.map((row) => [row.type, row.sourceId, row.targetId ?? '', row.status, row.label]),
    );
    for (const type of scenario.report.entities) {
      const ofType = entities.filter((row) => row.type === type.type);
      // Entities gone from Zephyr are in qTest but no longer planned: removed-in-source.csv has them.
      expect(ofType.filter((row) => row.status === 'loaded')).toHaveLength(
        type.loaded - type.removedInSource,
      );
      expect(ofType.filter((row) => row.status === 'failed')).toHaveLength(type.failed);
      expect(ofType.filter((row) => row.status === 'skipped')).toHaveLength(type.skipped);
    }
    const failures = csv(await readFile(path.join(outDir, 'failures.csv'), 'utf8'));
    expect(failures.map((row) => [row.source_id, row.label, row.error])).toEqual(
      scenario.report.failures.items.map((failure) => [failure.sourceId, failure.label, failure.error]),
    );
    const types = csv(await readFile(path.join(outDir, 'types.csv'), 'utf8'));
    expect(
      types.map((row) => [
        row.entity_type,
        Number(row.planned),
        Number(row.created),
        Number(row.updated),
        Number(row.unchanged),
        Number(row.removed_in_source),
      ]),
    ).toEqual(
      scenario.report.entities.map((row) => [
        row.type,
        row.transformed,
        row.created,
        row.updated,
        row.unchanged,
        row.removedInSource,
      ]),
    );
    const removed = csv(await readFile(path.join(outDir, 'removed-in-source.csv'), 'utf8'));
    expect(
      removed.map((row) => [row.entity_type, row.source_key, row.target_id, row.label, row.removed_at]),
    ).toEqual(
      scenario.report.removedInSource.map((entity) => [
        entity.type,
        entity.sourceKey,
        entity.targetId ?? '',
        entity.label,
        entity.removedAt,
      ]),
    );
    const validation = csv(await readFile(path.join(outDir, 'validation.csv'), 'utf8'));
    expect(validation.map((row) => [row.entity_type, Number(row.expected), Number(row.found)])).toEqual(
      scenario.report.validation.types.map((type) => [type.type, type.expected, type.found]),
    );
  });

  it('html: one file with no external reference, the counts, and every name escaped', async () => {
    const scenario = current();
    const outDir = await mkdtemp(path.join(tmpdir(), 'ztoq-report-html-'));
    const [file] = await htmlReporter.render(scenario.report, scenario.context(outDir));
    const html = await readFile(file!, 'utf8');
    expect(html).not.toMatch(/<script|<link|<img|src=|https?:\/\/(?!www\.w3\.org)/i);
    expect(html).not.toContain(HOSTILE_NAME);
    for (const row of scenario.report.entities) {
      expect(html).toContain(`data-count="${row.type}.loaded">${row.loaded}<`);
      expect(html).toContain(`data-count="${row.type}.failed">${row.failed}<`);
      expect(html).toContain(`data-count="${row.type}.updated">${row.updated}<`);
      expect(html).toContain(`data-count="${row.type}.unchanged">${row.unchanged}<`);
      expect(html).toContain(`data-count="${row.type}.removedInSource">${row.removedInSource}<`);
    }
    expect(html.match(/<tr data-removed=/g) ?? []).toHaveLength(scenario.report.removedInSource.length);
    expect(html).toContain(`data-field="status">${scenario.report.status}<`);
  });

  it('md: a short summary with the status and the counts per type', async () => {
    const scenario = current();
    const outDir = await mkdtemp(path.join(tmpdir(), 'ztoq-report-md-'));
    const [file] = await markdownReporter.render(scenario.report, scenario.context(outDir));
    const markdown = await readFile(file!, 'utf8');
    expect(markdown).toContain(`: ${scenario.report.status}`);
    for (const row of scenario.report.entities) {
      expect(markdown).toContain(
        `| ${row.type} | ${row.transformed} | ${row.loaded} | ${row.created} | ${row.updated} | ${row.unchanged} | ${row.removedInSource} |`,
      );
    }
    const removed = scenario.report.removedInSource;
    if (removed.length > 0) expect(markdown).toContain(`**${removed.length} removed in source**`);
    else expect(markdown).not.toContain('removed in source**');
    for (const notice of scenario.report.notices) expect(markdown).toContain(notice.replaceAll('<', '&lt;'));
    expect(markdown).not.toContain('<script>');
    expect(markdown.split('\n').length).toBeLessThan(60);
  });
});

describe('html details', () => {
  it('shows the hostile test case name as text in the failures table', () => {
    const html = renderHtmlReport(failing.report);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;&#x2F;script&gt;');
  });

  it(`lists the first ${HTML_FAILURE_ROWS} failures and says how many there are`, () => {
    const [failure] = failing.report.failures.items;
    const items = Array.from({ length: 1234 }, (_, index) => ({ ...failure!, sourceKey: `X-${index}` }));
    const html = renderHtmlReport({
      ...failing.report,
      failures: { total: 1234, byPhase: { load: 1234 }, items },
    });
    expect(html).toContain(`<td>X-${HTML_FAILURE_ROWS - 1}</td>`);
    expect(html).not.toContain(`<td>X-${HTML_FAILURE_ROWS}</td>`);
    expect(html).toContain(`Showing the first ${HTML_FAILURE_ROWS} of 1234 failures`);
  });
});

describe('writeReports', () => {
  it('runs every reporter into a new directory and reports a broken one without losing the others', async () => {
    const outDir = path.join(await mkdtemp(path.join(tmpdir(), 'ztoq-report-all-')), 'nested', 'reports');
    const broken = { name: 'broken', render: () => Promise.reject(new Error('disk full')) };
    const written = await writeReports(
      complete.report,
      [htmlReporter, broken, jsonReporter, csvReporter, markdownReporter],
      complete.context(outDir),
    );
    expect(written.files.map((file) => path.relative(outDir, file)).sort()).toEqual([
      'entities.csv',
      'failures.csv',
      'removed-in-source.csv',
      'report.html',
      'report.json',
      'summary.md',
      'types.csv',
      'validation.csv',
    ]);
    expect(written.failed).toEqual([{ reporter: 'broken', error: 'disk full' }]);
  });
});

describe('entities edited in qTest since ztoq wrote them', () => {
  it('are listed by html and md with what the run did, and the report stays valid', () => {
    const report: MigrationReport = {
      ...complete.report,
      targetEdits: [
        {
          entityType: 'test-case',
          sourceId: 'DEMO-T000000000001',
          targetId: '101',
          label: `DEMO-T1 ${HOSTILE_NAME}`,
          action: 'kept',
          differences: ['name: "Login" ≠ "Login (by hand)"'],
        },
      ],
    };
    expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
    const html = renderHtmlReport(report);
    expect(html).toContain('<section id="target-edits">');
    expect(html).not.toContain(HOSTILE_NAME);
    expect(html).toContain('<td>kept</td>');
    expect(renderHtmlReport(complete.report)).not.toContain('id="target-edits"');
    const markdown = formatMarkdownSummary(report);
    expect(markdown).toContain('**1 entit(ies) edited in qTest since ztoq wrote them**:');
    expect(markdown).toMatch(
      /\n- test-case DEMO-T1 .*: kept; qTest differs in name: "Login" ≠ "Login \(by hand\)"\n/,
    );
    expect(markdown).not.toContain('<script>');
  });
});
