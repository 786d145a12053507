import path from 'node:path';
import {
  ConfigError,
  markProject,
  nextProject,
  openStateStore,
  type ProjectEntry,
  type QueueMark,
  readProjectsFile,
  readProjectsQueue,
  type StateStore,
} from '@ztoq/core';
import { Argument, type Command, Option } from 'commander';
import { loadCliConfig } from '../cli-config.js';
import type { CliIo } from '../cli-io.js';
import { formatProjects } from '../format-projects.js';

const DEFAULT_FILE = 'migration-config/projects.txt';

interface QueueFlags {
  file: string;
  config?: string;
  json?: boolean;
}

/**
 * `ztoq projects list|next|mark`: the multi-project queue. The file gives the projects and their
 * order; the store gives each one's state. The file is read (and refused when malformed) before
 * the store is opened, so a bad file leaves the store untouched.
 */
export function registerProjectsCommands(program: Command, io: CliIo): void {
  const projects = program
    .command('projects')
    .description('The multi-project queue: which projects are done, failed or pending, and which is next.');
  const fileOption = () =>
    new Option('--file <FILE>', 'the projects file: one KEY (or KEY = qTest project id) a line').default(
      DEFAULT_FILE,
    );

  projects
    .command('list')
    .description("List the file's projects with their state from the store.")
    .addOption(fileOption())
    .option('--config <FILE>', 'settings file (default: ztoq.config.json, if present)')
    .option('--json', 'print the queue as JSON on stdout')
    .addHelpText('after', `\nExample:\n  ztoq projects list --file ${DEFAULT_FILE}`)
    .action(async (flags: QueueFlags) => {
      await withQueue(io, flags, async (store, entries) => {
        const queue = await readProjectsQueue(store, entries);
        const next = nextProject(queue);
        io.stdout(
          flags.json
            ? `${JSON.stringify({ projects: queue, next: next?.projectKey ?? null })}\n`
            : formatProjects(queue, next),
        );
      });
    });

  projects
    .command('next')
    .description(
      'Print the project to migrate next (an unfinished one first, then the first pending); nothing when none is left.',
    )
    .addOption(fileOption())
    .option('--config <FILE>', 'settings file (default: ztoq.config.json, if present)')
    .option('--json', 'print the project as JSON on stdout (null when none is left)')
    .addHelpText(
      'after',
      `\nExample (a shell loop over the queue):\n  while KEY=$(ztoq projects next) && [ -n "$KEY" ]; do\n    ztoq migrate --project-key "$KEY" && ztoq projects mark "$KEY" done || ztoq projects mark "$KEY" failed\n  done`,
    )
    .action(async (flags: QueueFlags) => {
      await withQueue(io, flags, async (store, entries) => {
        const next = nextProject(await readProjectsQueue(store, entries));
        if (flags.json) io.stdout(`${JSON.stringify(next ?? null)}\n`);
        else if (next) io.stdout(`${next.projectKey}\n`);
        else io.stderr('every project is done or failed\n');
      });
    });

  projects
    .command('mark')
    .description("Set a project's state in the store; it holds until the project's next run.")
    .argument('<KEY>', 'a project key listed in the file')
    .addArgument(new Argument('<state>', 'the new state').choices(['done', 'failed', 'pending']))
    .addOption(fileOption())
    .option('--config <FILE>', 'settings file (default: ztoq.config.json, if present)')
    .addHelpText(
      'after',
      '\nExamples:\n  ztoq projects mark DEMO done\n  ztoq projects mark DEMO pending   # back in line',
    )
    .action(async (key: string, state: QueueMark, flags: QueueFlags) => {
      await withQueue(
        io,
        flags,
        async (store) => {
          await markProject(store, key, state);
          io.stdout(`${key}: marked ${state}\n`);
        },
        key,
      );
    });
}

async function withQueue(
  io: CliIo,
  flags: QueueFlags,
  work: (store: StateStore, entries: ProjectEntry[]) => Promise<void>,
  mustList?: string,
): Promise<void> {
  const file = path.resolve(io.cwd, flags.file);
  const entries = await readProjectsFile(file);
  if (mustList !== undefined && !entries.some((entry) => entry.projectKey === mustList)) {
    throw new ConfigError([`${mustList} is not listed in ${file}: add it to the file first`]);
  }
  const config = await loadCliConfig(io, flags.config);
  const store = await openStateStore({
    ...(config.databaseUrl ? { url: config.databaseUrl } : {}),
    cwd: io.cwd,
  });
  try {
    await work(store, entries);
  } finally {
    await store.close();
  }
}
