/**
 * SDK example: one migration of one Zephyr Scale project into qTest, from a script of your own,
 * without the CLI or the GitHub Action. It prints what moved and ends with the migration's exit
 * code (0 complete, 1 failed, 2 configuration, 3 partial, 4 credentials refused, 5 locked).
 *
 *   ZEPHYR_BASE_URL=https://api.zephyrscale.smartbear.com/v2 ZEPHYR_API_TOKEN=… \
 *   QTEST_BASE_URL=https://acme.qtestnet.com QTEST_API_TOKEN=… QTEST_PROJECT_ID=12345 \
 *   pnpm --filter @ztoq/example-sdk-script start --project-key WEB [--mapping mapping.json] [--phase all]
 *
 * The settings are the environment variables of the README's configuration table; the project key
 * defaults to DEFAULT_ZEPHYR_PROJECT_KEY. The state store is the embedded one in `.ztoq/db` (or
 * ZTOQ_DATABASE_URL), so running the script again resumes an interrupted migration, or creates
 * nothing when everything is already in qTest.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  ConfigError,
  ExitCode,
  interruptOnSignals,
  type Logger,
  loadConfig,
  type MigrationResult,
  migrationFromConfig,
  type RunPhase,
  readMappingFile,
  redact,
  requireConfig,
  silentLogger,
  ZtoqError,
} from '@ztoq/core';

const PHASES: readonly RunPhase[] = ['all', 'extract', 'transform', 'load', 'validate'];

export interface MigrateProjectInput {
  /** Where the settings come from. */
  env: NodeJS.ProcessEnv;
  /** Default: DEFAULT_ZEPHYR_PROJECT_KEY. */
  projectKey?: string;
  /** A mapping file (JSON) for the statuses, priorities, users and fields qTest names differently. */
  mappingFile?: string;
  phase?: RunPhase;
  /** Aborting it stops the run after the requests in flight; the next run resumes. */
  signal?: AbortSignal;
  logger?: Logger;
}

/** One run of the engine; the outcome is in the result's `status` and `exitCode`. */
export async function migrateProject(input: MigrateProjectInput): Promise<MigrationResult> {
  const config = loadConfig({ env: input.env });
  const { projectKey } = requireConfig(
    config,
    ['projectKey'],
    input.projectKey === undefined ? {} : { projectKey: input.projectKey },
  );
  const mapping = input.mappingFile ? await readMappingFile(path.resolve(input.mappingFile)) : undefined;
  const configured = await migrationFromConfig({
    config,
    logger: input.logger ?? silentLogger,
    options: {
      projectKey,
      ...(mapping ? { mapping } : {}),
      ...(input.signal ? { signal: input.signal } : {}),
    },
  });
  try {
    return await configured.migration.run({ phase: input.phase ?? 'all' });
  } finally {
    await configured.close();
  }
}

/** The lines the script prints: one per loaded type, then the outcome. */
export function describeResult(result: MigrationResult): string[] {
  const lines = Object.entries(result.load).map(
    ([type, counts]) =>
      `${type}: ${counts.created} created, ${counts.adopted} adopted, ${counts.updated} updated, ${counts.unchanged} unchanged, ` +
      `${counts.failed} failed, ${counts.skipped} skipped`,
  );
  lines.push(
    `${result.projectKey} ${result.status} (migration ${result.migrationId}, exit code ${result.exitCode})` +
      (result.error ? `: ${result.error}` : ''),
  );
  return lines;
}

/** Reads the command line; a mistake is a ConfigError, so it ends with exit code 2. */
export function parseCommandLine(args: readonly string[]): Omit<MigrateProjectInput, 'env'> {
  let values: { 'project-key'?: string; mapping?: string; phase?: string };
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        'project-key': { type: 'string' },
        mapping: { type: 'string' },
        phase: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new ConfigError([error instanceof Error ? error.message : String(error)]);
  }
  const phase = values.phase ?? 'all';
  if (!PHASES.includes(phase as RunPhase)) {
    throw new ConfigError([`--phase must be one of ${PHASES.join(', ')}, not "${phase}"`]);
  }
  return {
    phase: phase as RunPhase,
    ...(values['project-key'] === undefined ? {} : { projectKey: values['project-key'] }),
    ...(values.mapping === undefined ? {} : { mappingFile: values.mapping }),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const logger: Logger = {
    debug() {},
    info: (message) => console.error(message),
    warn: (message) => console.error(`warning: ${message}`),
    error: (message) => console.error(`error: ${message}`),
  };
  // Ctrl-C or a cancelled CI job stops after the requests in flight, so the next run resumes.
  const interrupt = interruptOnSignals({ logger, message: 'stopping after the requests in flight' });
  try {
    const result = await migrateProject({
      ...parseCommandLine(process.argv.slice(2)),
      env: process.env,
      signal: interrupt.signal,
      logger,
    });
    for (const line of describeResult(result)) console.log(line);
    process.exitCode = result.exitCode;
  } catch (error) {
    // Settings, mapping file, credentials, the project, the store: one line, the exit code of its kind.
    console.error(`migrate-project: ${redact(error instanceof Error ? error.message : String(error))}`);
    process.exitCode = error instanceof ZtoqError ? error.exitCode : ExitCode.failed;
  } finally {
    interrupt.dispose();
  }
}
