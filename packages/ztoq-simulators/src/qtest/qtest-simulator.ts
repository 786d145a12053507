import { qtestOperations } from '@ztoq/core';
import type { FaultSettings } from '../server/faults.js';
import { SimulatorServer } from '../server/simulator-server.js';
import { type QTestCredentials, TokenAuthority } from './auth.js';
import { QTestStore } from './qtest-store.js';
import { registerAttachmentRoutes } from './routes/attachments.js';
import { registerAutomationRoutes } from './routes/automation.js';
import { registerFieldRoutes } from './routes/fields.js';
import { registerLinkRoutes } from './routes/links.js';
import { registerModuleRoutes } from './routes/modules.js';
import { registerOAuthRoutes } from './routes/oauth.js';
import { registerProjectRoutes } from './routes/projects.js';
import { registerReleaseRoutes } from './routes/releases.js';
import { registerRequirementRoutes } from './routes/requirements.js';
import { registerSearchRoutes } from './routes/search.js';
import { registerTestCaseRoutes } from './routes/test-cases.js';
import { registerTestCycleRoutes } from './routes/test-cycles.js';
import { registerTestLogRoutes } from './routes/test-logs.js';
import { registerTestRunRoutes } from './routes/test-runs.js';
import { registerTestSuiteRoutes } from './routes/test-suites.js';
import { DEFAULT_USERS, type ProjectSeed, seedProject, seedUsers, type UserSeed } from './seed.js';

export interface QTestSimulatorOptions {
  /** Users of the site; defaults to an admin, a tester and a lead. */
  users?: UserSeed[];
  /** Projects to create; defaults to one, id 1001, "Simulator Project". */
  projects?: ProjectSeed[];
  /** Who may log in; defaults to the first user with password `simulator`. Usernames must be users. */
  credentials?: QTestCredentials[];
  /** Bearer tokens that work without a login; they act as the first credential's user. */
  tokens?: string[];
  /** The site name the login's Basic header carries: base64("<siteName>:"). Defaults to `simulator`. */
  siteName?: string;
  /** Lifetime of tokens issued by a login; defaults to 300 seconds, the spec's example `expires_in`. */
  tokenLifetimeSeconds?: number;
  faults?: FaultSettings;
  /** The clock for token expiry and timestamps; defaults to `Date.now`. */
  now?: () => number;
}

export interface QTestSimulator {
  /** Starts serving on 127.0.0.1 (port 0 picks a free one) and resolves to the site root URL. */
  listen(port?: number): Promise<string>;
  close(): Promise<void>;
  /** The site root, `http://127.0.0.1:<port>`; spec paths start below it with `/api/v3/…`. */
  readonly baseUrl: string;
  /** Requests received per operation, `METHOD /template`. */
  requestCounts(): Record<string, number>;
  /** The whole stored state as plain JSON, as served at `/__simulator/state`. */
  state(): unknown;
  /** Typed access to what the simulator stores, for assertions in tests. */
  readonly store: QTestStore;
  /** Makes every token issued so far (ready tokens included) invalid, as when they expire. */
  expireTokens(): void;
  readonly server: SimulatorServer;
}

export const DEFAULT_SITE_NAME = 'simulator';
export const DEFAULT_PASSWORD = 'simulator';

/** A qTest Manager v3 site on loopback, answering as the spec describes (see README). */
export function createQTestSimulator(options: QTestSimulatorOptions = {}): QTestSimulator {
  const now = options.now ?? Date.now;
  const store = new QTestStore(now);
  const users = seedUsers(store, options.users ?? DEFAULT_USERS);
  const firstUser = users[0];
  if (!firstUser) throw new Error('qtest simulator: at least one user is needed');
  (options.projects ?? [{}]).forEach((seed, index) => {
    seedProject(store, seed, index);
  });

  const credentials = options.credentials ?? [{ username: firstUser.username, password: DEFAULT_PASSWORD }];
  for (const credential of credentials) {
    if (!store.userByName(credential.username)) {
      throw new Error(`qtest simulator: credential for "${credential.username}", who is not a user`);
    }
  }
  const tokens = new TokenAuthority({
    siteName: options.siteName ?? DEFAULT_SITE_NAME,
    credentials,
    readyTokens: options.tokens ?? [],
    lifetimeSeconds: options.tokenLifetimeSeconds ?? 300,
    now,
  });

  const server = new SimulatorServer({
    name: 'qtest',
    basePath: '',
    operations: qtestOperations,
    authenticate: (request) => tokens.authenticate(request.headers.authorization),
    errorBody,
    ...(options.faults === undefined ? {} : { faults: options.faults }),
    state: () => store.toJSON(),
  });
  registerOAuthRoutes(server, tokens);
  registerProjectRoutes(server, store);
  registerModuleRoutes(server, store);
  registerFieldRoutes(server, store);
  registerTestCaseRoutes(server, store);
  registerReleaseRoutes(server, store);
  registerTestCycleRoutes(server, store);
  registerTestSuiteRoutes(server, store);
  registerTestRunRoutes(server, store);
  registerTestLogRoutes(server, store);
  registerAutomationRoutes(server, store);
  registerAttachmentRoutes(server, store);
  registerRequirementRoutes(server, store);
  registerLinkRoutes(server, store);
  registerSearchRoutes(server, store);

  return {
    listen: (port) => server.listen(port),
    close: () => server.close(),
    get baseUrl() {
      return server.baseUrl;
    },
    requestCounts: () => server.requestCounts(),
    state: () => store.toJSON(),
    store,
    expireTokens: () => tokens.expireTokens(),
    server,
  };
}

/**
 * The spec declares no error bodies. qTest's API answers `{message}` (its `Message` schema);
 * a refused token gets the OAuth 2 shape `{error, error_description}` of its token layer.
 */
function errorBody(status: number, message: string): unknown {
  return status === 401 ? { error: 'invalid_token', error_description: message } : { message };
}
