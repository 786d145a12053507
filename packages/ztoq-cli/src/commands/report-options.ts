import { ConfigError, type Reporter } from '@ztoq/core';
import { loadReporter, reportersForFormats } from '@ztoq/reporters';
import { Option } from 'commander';

export interface ReportFlags {
  format: string;
  reporter: string[];
}

export const DEFAULT_REPORT_FORMATS = 'html,json,csv,md';

/** `--format`: the built-in reporters to run. */
export function formatOption(): Option {
  return new Option('--format <LIST>', 'report formats, comma-separated: html, json, csv, md').default(
    DEFAULT_REPORT_FORMATS,
  );
}

/** `--reporter`: custom reporters, repeatable. */
export function reporterOption(): Option {
  return new Option(
    '--reporter <MODULE>',
    'also run a custom reporter: a file (./my-reporter.js) or an installed package; repeatable',
  )
    .argParser((value: string, previous: string[]) => [...previous, value])
    .default([] as string[]);
}

/**
 * The reporters the flags ask for. A format that does not exist or a plugin that does not load
 * is a usage error, raised before any migration work starts.
 */
export async function reportersFromFlags(flags: ReportFlags, cwd: string): Promise<Reporter[]> {
  const problems: string[] = [];
  let builtIn: Reporter[] = [];
  try {
    builtIn = reportersForFormats(flags.format);
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
  }
  const custom: Reporter[] = [];
  for (const specifier of flags.reporter) {
    try {
      custom.push(await loadReporter(specifier, cwd));
    } catch (error) {
      problems.push(`--reporter ${specifier}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return [...builtIn, ...custom];
}
