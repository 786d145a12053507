import { migrationStatus, openStateStore, requireConfig } from '@ztoq/core';
import type { Command } from 'commander';
import { loadCliConfig } from '../cli-config.js';
import type { CliIo } from '../cli-io.js';
import { formatStatus } from '../format-status.js';

/** `ztoq status`: what the store knows about a project's migration; no API is called. */
export function registerStatusCommand(program: Command, io: CliIo): void {
  program
    .command('status')
    .description("Show a project's migration state: phases, and per-type counts from the store.")
    .option('--project-key <KEY>', 'Zephyr project key (default: DEFAULT_ZEPHYR_PROJECT_KEY)')
    .option('--json', 'print the status as JSON on stdout')
    .option(
      '--config <FILE>',
      'settings file (default: ztoq.config.json in the working directory, if present)',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  ztoq status --project-key DEMO\n  ztoq status --project-key DEMO --json',
    )
    .action(async (flags: { projectKey?: string; json?: boolean; config?: string }) => {
      const config = await loadCliConfig(io, flags.config);
      const { projectKey } = requireConfig(
        config,
        ['projectKey'],
        flags.projectKey === undefined ? {} : { projectKey: flags.projectKey },
      );
      const store = await openStateStore({
        ...(config.databaseUrl ? { url: config.databaseUrl } : {}),
        cwd: io.cwd,
      });
      try {
        const status = await migrationStatus(store, projectKey);
        io.stdout(flags.json ? `${JSON.stringify(status)}\n` : formatStatus(status));
      } finally {
        await store.close();
      }
    });
}
