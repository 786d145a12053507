import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { defineReporter } from './define-reporter.js';

/** `report.json`: the `MigrationReport` exactly, for audits and for tools that read it back. */
export const jsonReporter = defineReporter({
  name: 'json',
  async render(report, { outDir }) {
    const file = path.join(outDir, 'report.json');
    await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
    return [file];
  },
});
