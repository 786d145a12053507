import { qtest } from '../../adapters/qtest/index.js';
import { zephyrScaleCloud } from '../../adapters/zephyr-scale-cloud/index.js';
import type { ZtoqConfig } from '../../config/load-config.js';
import { requireConfig } from '../../config/require-config.js';
import { createMigration, type Migration } from '../../engine/create-migration.js';
import { type MigrationOptions, resolveMigrationOptions } from '../../engine/migration-options.js';
import { HttpLayer } from '../../http/http-layer.js';
import { notifiersFromConfig } from '../../notifiers/notifiers-from-config.js';
import { type Logger, silentLogger } from '../../ports/logger.js';
import type { Notifier } from '../../ports/notifier.js';
import type { Reporter } from '../../ports/reporter.js';
import type { StateStore } from '../../ports/state-store.js';
import { openStateStore } from '../../store/open-store.js';

export interface ConfiguredMigration {
  migration: Migration;
  store: StateStore;
  http: HttpLayer;
  /** Closes the store; call it whatever the run's outcome. */
  close(): Promise<void>;
}

export interface MigrationFromConfigInput {
  config: ZtoqConfig;
  options: Omit<MigrationOptions, 'http' | 'logger'>;
  logger?: Logger;
  /** Added to the notifiers the configuration enables (e-mail, Slack). */
  notifiers?: readonly Notifier[];
  /** `false` sends no notifications from the configuration (`--send-report false`); default true. */
  sendReport?: boolean;
  /** At most one progress notice per this many ms; default 15 minutes. */
  notifyProgressIntervalMs?: number;
  /** Link to the CI run in notifications; default from the GITHUB_* variables of this process. */
  runUrl?: string;
  reporters?: readonly Reporter[];
  /** Where a relative store path resolves. */
  cwd?: string;
}

/**
 * Wires the default adapters (Zephyr Scale Cloud → qTest) and the store from configuration,
 * as the CLI and the GitHub Action both need. Every missing setting is reported at once,
 * before the store is opened.
 */
export async function migrationFromConfig(input: MigrationFromConfigInput): Promise<ConfiguredMigration> {
  const logger = input.logger ?? silentLogger;
  const { zephyr, qtest: qtestConnection } = requireConfig(input.config, ['zephyr', 'qtest']);
  const http = new HttpLayer({ logger });
  const workers = input.options.maxWorkers ?? 5;
  const { maxRps } = input.options;
  const rate = maxRps === undefined ? {} : { maxRps };
  const source = zephyrScaleCloud({
    baseUrl: zephyr.baseUrl,
    apiToken: zephyr.apiToken,
    http,
    logger,
    concurrency: workers,
    ...rate,
  });
  const target = qtest({
    baseUrl: qtestConnection.baseUrl,
    projectId: qtestConnection.projectId,
    auth: qtestConnection.auth,
    http,
    logger,
    concurrency: workers,
    ...rate,
  });
  // Bad options, refused credentials and unknown projects fail before the store is opened (or,
  // on a new machine, created): nothing about a run that cannot start is recorded.
  resolveMigrationOptions({ ...input.options });
  await source.describeProject(
    input.options.projectKey,
    input.options.signal ? { signal: input.options.signal } : {},
  );
  await target.describeProject(input.options.signal ? { signal: input.options.signal } : {});
  const store = await openStateStore({
    ...(input.config.databaseUrl ? { url: input.config.databaseUrl } : {}),
    logger,
    ...(input.cwd ? { cwd: input.cwd } : {}),
    // The embedded store admits one process at a time: with --wait, its lock is waited for too.
    ...(input.options.waitForLock
      ? {
          waitForLock: {
            ...(input.options.signal ? { signal: input.options.signal } : {}),
            onWait: (pid: number) => logger.info(`waiting for the store: process ${pid} holds it`),
          },
        }
      : {}),
  });
  const configured =
    input.sendReport === false
      ? []
      : notifiersFromConfig(input.config, {
          logger,
          ...(input.runUrl ? { runUrl: input.runUrl } : {}),
          ...(input.notifyProgressIntervalMs === undefined
            ? {}
            : { progressIntervalMs: input.notifyProgressIntervalMs }),
        });
  const notifiers = [...configured, ...(input.notifiers ?? [])];
  const migration = createMigration({
    source,
    target,
    store,
    notifiers,
    ...(input.reporters ? { reporters: input.reporters } : {}),
    options: { ...input.options, http, logger },
  });
  return { migration, store, http, close: () => store.close() };
}
