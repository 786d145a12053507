import {
  createMigration,
  HttpLayer,
  type MappingFile,
  type Migration,
  type MigrationOptions,
  type Notifier,
  qtest,
  type RunPhase,
  type StateStore,
  type Target,
  zephyrScaleCloud,
} from '@ztoq/core';
import {
  DEFAULT_PROJECT_ID,
  type FaultSettings,
  type RunningSimulators,
  startSimulators,
} from '@ztoq/simulators';
import { afterEach } from 'vitest';
import { pgliteTarget, postgresTarget, type StoreTarget } from '../../store/store-targets.js';
import { differencesFromExpected } from './expect-migrated.js';

/**
 * Both simulators, a store and the default adapters wired as the CLI wires them, with an HTTP
 * layer whose waits are shortened so that fault-injection runs finish in seconds.
 */
export interface MigrationRig {
  simulators: RunningSimulators;
  store: StateStore;
  mapping: MappingFile;
  /** The migration, to listen to its events before running it; `notifiers` are told how it goes. */
  migration(options?: Partial<MigrationOptions>, notifiers?: readonly Notifier[]): Migration;
  migrate(
    options?: Partial<MigrationOptions>,
    phase?: RunPhase,
  ): ReturnType<ReturnType<typeof createMigration>['run']>;
  /**
   * Closes the store and opens it again from its target (a store left by a failed run, as the
   * next run opens it); `store` and later migrations use the new one.
   */
  reopenStore(): Promise<void>;
  /** POST requests the qTest simulator received, per operation. */
  qtestCreates(): number;
  close(): Promise<void>;
}

/**
 * `store` picks the state store: PostgreSQL (the default: a fresh schema on the CI server, quick
 * to open) or embedded PGlite, as a user without a database server runs it.
 */
export async function startMigrationRig(
  init: {
    size?: 'tiny' | 'small' | 'demo';
    seed?: number;
    faults?: FaultSettings;
    /** A store kind, or a target of the test's own (a private server it may restart). */
    store?: 'postgres' | 'pglite' | StoreTarget;
    qtestTokenLifetimeSeconds?: number;
    /** Puts the test's own behaviour around the qTest target (a create whose answer is lost, …). */
    wrapTarget?: (target: Target) => Target;
  } = {},
): Promise<MigrationRig> {
  const simulators = await startSimulators({
    size: init.size ?? 'tiny',
    seed: init.seed ?? 11,
    ...(init.faults ? { faults: init.faults } : {}),
    ...(init.qtestTokenLifetimeSeconds === undefined
      ? {}
      : { qtestTokenLifetimeSeconds: init.qtestTokenLifetimeSeconds }),
  });
  const storeTarget =
    typeof init.store === 'object' ? init.store : init.store === 'pglite' ? pgliteTarget : postgresTarget;
  let opened = await storeTarget.open();
  let store = opened.store;
  const { connection, dataset } = simulators;
  const mapping: MappingFile = {
    executionStatus: { Retest: 'Incomplete' },
    users: Object.fromEntries(dataset.users.map((user) => [user.accountId, user.email])),
  };
  const migration = (
    options: Partial<MigrationOptions> = {},
    notifiers: readonly Notifier[] = [],
  ): Migration => {
    // Retry waits and Retry-After pauses shrink to at most 20 ms: the faults stay, the waiting goes.
    // The rig's 429s come at random (`rateLimitedRatio`), not from a rate: each would cut the
    // learned budget, which settles near 10 requests a second at 3% of 429s; the floor keeps
    // the runs as fast as the faults allow. Learning a real limit is the HTTP tests' and the
    // `rate-limited` benchmark's to show.
    const http = new HttpLayer({
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 20))),
      minRps: 500,
    });
    const source = zephyrScaleCloud({
      baseUrl: connection.zephyr.baseUrl,
      apiToken: connection.zephyr.apiToken,
      http,
    });
    const qtestTarget = qtest({
      baseUrl: connection.qtest.baseUrl,
      projectId: connection.qtest.projectId,
      auth: { kind: 'password', username: connection.qtest.username, password: connection.qtest.password },
      http,
    });
    const target = init.wrapTarget ? init.wrapTarget(qtestTarget) : qtestTarget;
    return createMigration({
      source,
      target,
      store,
      notifiers,
      options: {
        projectKey: connection.zephyr.projectKey,
        mapping,
        maxWorkers: 6,
        batchSize: 25,
        http,
        ...options,
      },
    });
  };
  const migrate = (options: Partial<MigrationOptions> = {}, phase: RunPhase = 'all') =>
    migration(options).run({ phase });
  return {
    simulators,
    get store() {
      return store;
    },
    mapping,
    migration,
    migrate,
    async reopenStore() {
      await opened.dispose();
      opened = await storeTarget.open();
      store = opened.store;
    },
    qtestCreates: () =>
      Object.entries(simulators.qtest.requestCounts())
        .filter(([operation]) => operation.startsWith('POST ') && !/search|oauth/.test(operation))
        .reduce((sum, [, count]) => sum + count, 0),
    async close() {
      await opened.dispose();
      await simulators.close();
    },
  };
}

/**
 * One rig per test, closed after it: `const rigs = rigPerTest(); … rig = await rigs.start(…)`.
 */
export function rigPerTest(): {
  start(init?: Parameters<typeof startMigrationRig>[0]): Promise<MigrationRig>;
} {
  let current: MigrationRig | undefined;
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return {
    async start(init) {
      current = await startMigrationRig(init);
      return current;
    },
  };
}

/**
 * What the qTest simulator holds, checked entity by entity against the rules (see
 * expect-migrated.ts). `against: 'current'` checks against the Zephyr facts as they are now,
 * after edits made through the simulator (its PUTs and test-only store edits), tolerating what
 * ztoq leaves in qTest for deleted test cases and executions. The default is the original data set.
 */
export function differencesAfterMigration(
  rig: MigrationRig,
  testCaseKeys?: ReadonlySet<string>,
  against: 'original' | 'current' = 'original',
): string[] {
  const zephyr = rig.simulators.zephyr.store;
  const current = against === 'current';
  return differencesFromExpected({
    dataset: current ? zephyr.currentDataset() : rig.simulators.dataset,
    ...(current
      ? {
          deletedTestCaseKeys: new Set(zephyr.deletedTestCaseKeys()),
          deletedExecutionKeys: new Set(zephyr.deletedTestExecutionKeys()),
        }
      : {}),
    store: rig.simulators.qtest.store,
    projectId: DEFAULT_PROJECT_ID,
    root: rig.simulators.dataset.project.key,
    executionStatus: rig.mapping.executionStatus ?? {},
    ...(testCaseKeys ? { testCaseKeys } : {}),
  });
}
