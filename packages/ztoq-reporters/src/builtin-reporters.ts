import type { Reporter } from '@ztoq/core';
import { csvReporter } from './csv-reporter.js';
import { htmlReporter } from './html-reporter.js';
import { jsonReporter } from './json-reporter.js';
import { markdownReporter } from './markdown-reporter.js';

/** The formats `--format` accepts, each one reporter. */
export const REPORT_FORMATS = ['html', 'json', 'csv', 'md'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const BY_FORMAT: Record<ReportFormat, Reporter> = {
  html: htmlReporter,
  json: jsonReporter,
  csv: csvReporter,
  md: markdownReporter,
};

/** `html,json` → those reporters; an unknown format is an error naming the ones there are. */
export function reportersForFormats(formats: string): Reporter[] {
  const names = formats
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  const unknown = names.filter((name) => !(REPORT_FORMATS as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw new RangeError(`unknown report format ${unknown.join(', ')} (use ${REPORT_FORMATS.join(', ')})`);
  }
  return [...new Set(names)].map((name) => BY_FORMAT[name as ReportFormat]);
}
