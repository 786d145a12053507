import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  DEFAULT_PROJECT_ID,
  type FaultSettings,
  type RunningSimulators,
  simulatorEnvironment,
  startSimulators,
} from '@ztoq/simulators';
import { differencesFromExpected } from '../../../ztoq-core/test/engine/support/expect-migrated.js';
import { createEmptyStore } from './store-template.js';

/** The mapping file name, relative to the working directory the CLI runs in. */
export const MAPPING_FILE = 'mapping.json';

/**
 * Both simulators in the test process, a working directory holding the mapping file, and the
 * environment a CLI subprocess needs to migrate between them into an empty PGlite store on
 * disk — the only store that outlives a process, which is what resuming after a crash is about.
 */
export interface SimulatedMigration {
  simulators: RunningSimulators;
  projectKey: string;
  /** The CLI's working directory; the mapping file lives here. */
  cwd: string;
  /** The PGlite directory ZTOQ_DATABASE_URL points at. */
  storeDir: string;
  env: NodeJS.ProcessEnv;
  executionStatus: Record<string, string>;
  /** `ztoq migrate` for this project with the mapping file, then `extra`. */
  migrateArgs(...extra: string[]): string[];
  /** Create requests qTest received so far: every POST but logins and searches. */
  createPosts(): number;
  /** POSTs qTest received for one operation, e.g. `/api/v3/projects/{projectId}/test-runs`. */
  postsTo(operation: string): number;
  /**
   * Every way qTest's project differs from the Zephyr data set migrated by the default rules;
   * `against: 'current'` compares with Zephyr as it is now, after edits on the simulator.
   */
  differences(testCaseKeys?: ReadonlySet<string>, against?: 'original' | 'current'): string[];
  close(): Promise<void>;
}

export async function startSimulatedMigration(
  init: { size?: 'tiny' | 'small' | 'demo'; seed?: number; faults?: FaultSettings } = {},
): Promise<SimulatedMigration> {
  const simulators = await startSimulators({
    size: init.size ?? 'tiny',
    seed: init.seed ?? 11,
    ...(init.faults ? { faults: init.faults } : {}),
  });
  const { dataset } = simulators;
  const cwd = await mkdtemp(path.join(tmpdir(), 'ztoq-cli-migrate-'));
  const storeDir = path.join(cwd, 'store');
  await createEmptyStore(storeDir);
  const executionStatus = { Retest: 'Incomplete' };
  // Retest has no qTest counterpart by default, and Jira account ids are not qTest users:
  // the two decisions a person makes in this file before the first real run.
  await writeFile(
    path.join(cwd, MAPPING_FILE),
    JSON.stringify({
      executionStatus,
      users: Object.fromEntries(dataset.users.map((user) => [user.accountId, user.email])),
    }),
  );
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    ...simulatorEnvironment(simulators.connection),
    ZTOQ_DATABASE_URL: `file:${storeDir}`,
  };
  const posts = () =>
    Object.entries(simulators.qtest.requestCounts()).filter(([operation]) => operation.startsWith('POST '));
  return {
    simulators,
    projectKey: dataset.project.key,
    cwd,
    storeDir,
    env,
    executionStatus,
    migrateArgs: (...extra) => [
      'migrate',
      '--project-key',
      dataset.project.key,
      '--mapping',
      MAPPING_FILE,
      ...extra,
    ],
    createPosts: () =>
      posts()
        .filter(([operation]) => !/search|oauth/.test(operation))
        .reduce((sum, [, count]) => sum + count, 0),
    postsTo: (operation) => simulators.qtest.requestCounts()[`POST ${operation}`] ?? 0,
    differences: (testCaseKeys, against = 'original') => [
      ...differencesFromExpected({
        ...(against === 'current'
          ? {
              dataset: simulators.zephyr.store.currentDataset(),
              deletedTestCaseKeys: new Set(simulators.zephyr.store.deletedTestCaseKeys()),
              deletedExecutionKeys: new Set(simulators.zephyr.store.deletedTestExecutionKeys()),
            }
          : { dataset }),
        store: simulators.qtest.store,
        projectId: DEFAULT_PROJECT_ID,
        root: dataset.project.key,
        executionStatus,
        ...(testCaseKeys ? { testCaseKeys } : {}),
      }),
      ...duplicateFields(simulators),
    ],
    async close() {
      await simulators.close();
      await rm(cwd, { recursive: true, force: true });
    },
  };
}

/**
 * A field or allowed value created twice (say, by a run killed between the create and the
 * re-read) would go unnoticed by the entity checks, which take the first label match.
 */
function duplicateFields(simulators: RunningSimulators): string[] {
  const project = simulators.qtest.store.project(DEFAULT_PROJECT_ID);
  if (!project) return [`qTest project ${DEFAULT_PROJECT_ID} is missing`];
  const problems: string[] = [];
  for (const objectType of ['test-cases', 'test-runs', 'releases'] as const) {
    const labels = project.fieldsOf(objectType).map((field) => field.label);
    for (const label of new Set(labels)) {
      const count = labels.filter((candidate) => candidate === label).length;
      if (count > 1) problems.push(`${objectType} field "${label}" exists ${count} times`);
    }
    for (const field of project.fieldsOf(objectType)) {
      const values = field.allowedValues.map((allowed) => allowed.label);
      if (new Set(values).size !== values.length) {
        problems.push(`${objectType} field "${field.label}" has a repeated allowed value`);
      }
    }
  }
  return problems;
}
