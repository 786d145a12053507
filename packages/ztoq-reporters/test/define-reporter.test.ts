import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MigrationReport } from '@ztoq/core';
import { describe, expect, it } from 'vitest';
import { defineReporter, loadReporter } from '../src/index.js';

const report = { projectKey: 'DEMO', status: 'succeeded' } as MigrationReport;
const context = (outDir: string) => ({ outDir, entities: async function* () {} });

describe('defineReporter', () => {
  it('refuses a reporter without a name or a render function when it is defined', () => {
    expect(() => defineReporter({ name: ' ', render: async () => [] })).toThrow(/non-empty name/);
    expect(() => defineReporter({ name: 'x' } as never)).toThrow(/render\(report, context\)/);
  });

  it('lets render return nothing: no files written', async () => {
    const reporter = defineReporter({ name: 'quiet', render: async () => undefined });
    expect(await reporter.render(report, context(tmpdir()))).toEqual([]);
  });
});

describe('loadReporter', () => {
  it('loads a default export from a path relative to the working directory and runs it', async () => {
    const cwd = await mkdtemp(path.join(tmpdir(), 'ztoq-plugin-'));
    await writeFile(
      path.join(cwd, 'my-reporter.mjs'),
      `import { writeFile } from 'node:fs/promises';
export default {
  name: 'status-line',
  async render(report, { outDir }) {
    const file = outDir + '/status.txt';
    await writeFile(file, report.projectKey + ' ' + report.status);
    return [file];
  },
};
`,
    );
    const reporter = await loadReporter('./my-reporter.mjs', cwd);
    expect(reporter.name).toBe('status-line');
    const [file] = await reporter.render(report, context(cwd));
    expect(await readFile(file!, 'utf8')).toBe('DEMO succeeded');
  });

  it('says so when a module exports no reporter', async () => {
    const cwd = await mkdtemp(path.join(tmpdir(), 'ztoq-plugin-'));
    await writeFile(path.join(cwd, 'nothing.mjs'), 'export const x = 1;\n');
    await expect(loadReporter('./nothing.mjs', cwd)).rejects.toThrow(/exports no reporter/);
    await expect(loadReporter('./missing.mjs', cwd)).rejects.toThrow();
  });
});
