import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { MigrationReport } from '@ztoq/core';
import Mustache from 'mustache';
import { defineReporter } from './define-reporter.js';
import { REPORT_CSS } from './html/report-styles.js';
import { REPORT_TEMPLATE } from './html/report-template.js';
import { reportView } from './html/report-view.js';

/** `report.html`: one self-contained page for the people who own the migration and their managers. */
export const htmlReporter = defineReporter({
  name: 'html',
  async render(report, { outDir }) {
    const file = path.join(outDir, 'report.html');
    await writeFile(file, renderHtmlReport(report));
    return [file];
  },
});

export function renderHtmlReport(report: MigrationReport): string {
  return Mustache.render(REPORT_TEMPLATE, { ...reportView(report), css: REPORT_CSS });
}
