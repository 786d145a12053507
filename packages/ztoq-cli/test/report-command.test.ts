import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { MigrationReport } from '@ztoq/core';
import { afterEach, describe, expect, it } from 'vitest';
import { cli, cliProcess } from './cli-harness.js';
import { type SimulatedMigration, startSimulatedMigration } from './support/simulated-migration.js';

let migration: SimulatedMigration | undefined;
afterEach(async () => {
  await migration?.close();
  migration = undefined;
});

describe('ztoq report', () => {
  it('writes the reports of a migration another process ran, from the store alone', async () => {
    migration = await startSimulatedMigration({ size: 'tiny' });
    const { cwd, env, projectKey } = migration;
    // The migration writes its reports through the engine's reporters…
    const migrate = await cli(migration.migrateArgs('--report-dir', 'after-run', '--quiet'), env, cwd);
    expect(migrate.code, migrate.stderr).toBe(3);
    for (const file of ['report.html', 'report.json', 'entities.csv', 'summary.md', 'result.json']) {
      expect(existsSync(path.join(cwd, 'after-run', file)), file).toBe(true);
    }
    const afterRun = JSON.parse(
      await readFile(path.join(cwd, 'after-run', 'report.json'), 'utf8'),
    ) as MigrationReport;

    // …and a later process, with no API settings at all, writes them again from the store,
    // with a custom reporter loaded from a file.
    await writeFile(
      path.join(cwd, 'count-reporter.mjs'),
      `import { writeFile } from 'node:fs/promises';
export default {
  name: 'count',
  async render(report, { outDir, entities }) {
    let rows = 0;
    for await (const page of entities()) rows += page.length;
    const file = outDir + '/count.txt';
    await writeFile(file, report.projectKey + ' ' + rows);
    return [file];
  },
};
`,
    );
    const storeOnly = { PATH: process.env.PATH, ZTOQ_DATABASE_URL: env.ZTOQ_DATABASE_URL };
    const run = await cliProcess(
      ['report', '--project-key', projectKey, '--out', 'later', '--reporter', './count-reporter.mjs'],
      storeOnly,
      cwd,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const later = path.join(cwd, 'later');
    expect(
      run.stdout
        .trim()
        .split('\n')
        .map((line) => path.relative(later, line)),
    ).toEqual([
      'report.html',
      'report.json',
      'entities.csv',
      'types.csv',
      'failures.csv',
      'validation.csv',
      'removed-in-source.csv',
      'summary.md',
      'count.txt',
    ]);
    const report = JSON.parse(await readFile(path.join(later, 'report.json'), 'utf8')) as MigrationReport;
    expect({ ...report, generatedAt: '' }).toEqual({ ...afterRun, generatedAt: '' });
    expect(report.migrationId).not.toBeNull();
    const planned = report.entities.reduce((sum, row) => sum + row.transformed, 0);
    expect(await readFile(path.join(later, 'count.txt'), 'utf8')).toBe(`${projectKey} ${planned}`);
    const html = await readFile(path.join(later, 'report.html'), 'utf8');
    expect(html).toContain(
      `data-count="test-case.loaded">${report.entities.find((row) => row.type === 'test-case')?.loaded}<`,
    );

    // One format only, and a migration id that does not exist is a usage error.
    const json = await cliProcess(
      [
        'report',
        '--project-key',
        projectKey,
        '--out',
        'json-only',
        '--format',
        'json',
        '--migration-id',
        report.migrationId!,
      ],
      storeOnly,
      cwd,
    );
    expect(json.stdout.trim()).toBe(path.join(cwd, 'json-only', 'report.json'));
    const unknown = await cli(
      ['report', '--project-key', projectKey, '--migration-id', 'nope'],
      storeOnly,
      cwd,
    );
    expect(unknown).toMatchObject({ code: 2, stderr: `ztoq: project ${projectKey} has no migration nope\n` });
    const badFormat = await cli(['report', '--project-key', projectKey, '--format', 'pdf'], storeOnly, cwd);
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toContain('unknown report format pdf');
  }, 180_000);
});
