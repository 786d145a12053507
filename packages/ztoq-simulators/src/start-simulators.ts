import type { DatasetSize, ZephyrDataset } from './dataset/zephyr-dataset.js';
import { generateDataset } from './generator/index.js';
import { createQTestSimulator, DEFAULT_PASSWORD, type QTestSimulator } from './qtest/index.js';
import { DEFAULT_PROJECT_ID, DEFAULT_USERS, type UserSeed } from './qtest/seed.js';
import type { FaultSettings } from './server/faults.js';
import { createZephyrSimulator, DEFAULT_ZEPHYR_TOKEN, type ZephyrSimulator } from './zephyr/index.js';

export interface StartSimulatorsOptions {
  size?: DatasetSize;
  seed?: number;
  projectKey?: string;
  /** 0 (the default) picks free ports. */
  zephyrPort?: number;
  qtestPort?: number;
  /** Applied to both simulators. */
  faults?: FaultSettings;
  maxResultsCap?: number;
  /** Lifetime of the qTest tokens a login issues; short ones make a run renew its token while it loads. */
  qtestTokenLifetimeSeconds?: number;
}

/** How to reach the pair, in the words of ztoq's settings. */
export interface SimulatorConnection {
  zephyr: { baseUrl: string; apiToken: string; projectKey: string };
  qtest: { baseUrl: string; username: string; password: string; projectId: number };
}

export interface RunningSimulators {
  dataset: ZephyrDataset;
  zephyr: ZephyrSimulator;
  qtest: QTestSimulator;
  connection: SimulatorConnection;
  close(): Promise<void>;
}

/**
 * qTest's login header carries the site name, which clients take from the first label of the
 * site's host name. The simulators always listen on 127.0.0.1, so that label is `127`.
 */
const LOOPBACK_SITE_NAME = '127';

/**
 * Starts a Zephyr simulator serving a generated project and a qTest simulator with an empty
 * project whose users include the project's Jira people (by email), as a migration rehearsal needs.
 */
export async function startSimulators(options: StartSimulatorsOptions = {}): Promise<RunningSimulators> {
  const dataset = generateDataset({
    seed: options.seed ?? 1,
    size: options.size ?? 'demo',
    projectKey: options.projectKey,
  });
  const zephyr = createZephyrSimulator({
    dataset,
    faults: options.faults,
    maxResultsCap: options.maxResultsCap,
  });
  const users: UserSeed[] = [
    ...DEFAULT_USERS,
    ...dataset.users.map((user) => {
      const [firstName, ...rest] = user.displayName.split(' ');
      return { username: user.email, email: user.email, firstName, lastName: rest.join(' ') };
    }),
  ];
  const qtest = createQTestSimulator({
    users,
    siteName: LOOPBACK_SITE_NAME,
    faults: options.faults,
    ...(options.qtestTokenLifetimeSeconds === undefined
      ? {}
      : { tokenLifetimeSeconds: options.qtestTokenLifetimeSeconds }),
  });
  try {
    await zephyr.listen(options.zephyrPort ?? 0);
    await qtest.listen(options.qtestPort ?? 0);
  } catch (error) {
    await Promise.allSettled([zephyr.close(), qtest.close()]);
    throw error;
  }
  const admin = DEFAULT_USERS[0]?.username ?? '';
  return {
    dataset,
    zephyr,
    qtest,
    connection: {
      zephyr: { baseUrl: zephyr.baseUrl, apiToken: DEFAULT_ZEPHYR_TOKEN, projectKey: dataset.project.key },
      qtest: {
        baseUrl: qtest.baseUrl,
        username: admin,
        password: DEFAULT_PASSWORD,
        projectId: DEFAULT_PROJECT_ID,
      },
    },
    close: async () => {
      await Promise.all([zephyr.close(), qtest.close()]);
    },
  };
}

/** The connection as the environment variables ztoq reads. */
export function simulatorEnvironment(connection: SimulatorConnection): Record<string, string> {
  return {
    ZEPHYR_BASE_URL: connection.zephyr.baseUrl,
    ZEPHYR_API_TOKEN: connection.zephyr.apiToken,
    DEFAULT_ZEPHYR_PROJECT_KEY: connection.zephyr.projectKey,
    QTEST_BASE_URL: connection.qtest.baseUrl,
    QTEST_USERNAME: connection.qtest.username,
    QTEST_PASSWORD: connection.qtest.password,
    QTEST_PROJECT_ID: String(connection.qtest.projectId),
  };
}
