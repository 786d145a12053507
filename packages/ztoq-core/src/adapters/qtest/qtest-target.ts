import type { QTestAuth } from '../../api/qtest-auth.js';
import { createQTestClient } from '../../api/qtest-client.js';
import { ConfigError } from '../../errors.js';
import { qtestOperations } from '../../generated/qtest-operations.js';
import { HttpLayer } from '../../http/http-layer.js';
import { isIdempotentMethod } from '../../http/retry-policy.js';
import { type Logger, silentLogger } from '../../ports/logger.js';
import type { Target, TargetCapabilities } from '../../ports/target.js';
import { createQTestMapper } from './mapping/index.js';
import { qtestCensus } from './qtest-census.js';
import type { QTestContext } from './qtest-context.js';
import { createQTestEntity } from './qtest-creators.js';
import { QTEST_ENTITY_TYPES } from './qtest-entities.js';
import { findQTestEntity } from './qtest-finders.js';
import { holdsQTestMigration } from './qtest-migrated-data.js';
import { runQTestPreflight } from './qtest-preflight.js';
import { describeQTestProject } from './qtest-project.js';
import { QTestTransport } from './qtest-transport.js';
import { updateQTestEntity } from './qtest-updaters.js';
import { verifyQTestEntity } from './qtest-verifiers.js';

export interface QTestTargetOptions {
  /** The site root, e.g. `https://acme.qtestnet.com`. */
  baseUrl: string;
  projectId: number | string;
  auth: QTestAuth;
  /**
   * The shared HTTP layer; a new one by default. The target registers its api as `qTest`, a
   * label a layer holds once: one layer, one qTest target.
   */
  http?: HttpLayer;
  logger?: Logger;
  concurrency?: number;
  /** Ceiling on requests started per second, retries included; below it the HTTP layer learns the rate. */
  maxRps?: number;
}

export const QTEST_CAPABILITIES: TargetCapabilities = {
  // The engine has none to send: Zephyr Scale Cloud's API cannot export attachments.
  supportsAttachments: false,
  supportsCallToTest: false,
  supportsCycleCustomFields: false,
  supportsVersionHistory: false,
};

/** The one POST that only reads; the layer may retry it like a GET. */
const TOKEN_PATH = '/oauth/token';
const SEARCH_PATH = '/api/v3/projects/{projectId}/search';

/** qTest Manager as a migration target: the transport wired to the mapping half. */
export function qtest(options: QTestTargetOptions): Target {
  const projectId = parseProjectId(options.projectId);
  const logger = options.logger ?? silentLogger;
  const http = options.http ?? new HttpLayer({ logger });
  const fetch = http.api({
    api: 'qTest',
    baseUrl: options.baseUrl,
    operations: qtestOperations,
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
    ...(options.maxRps === undefined ? {} : { maxRps: options.maxRps }),
    // A search reads; a token request only issues another token: both may be repeated blindly.
    // A PUT may not: a repeated test case update is one more version. The engine reads the
    // entity back before it sends an update whose answer was lost.
    isIdempotent: (method, path) =>
      (isIdempotentMethod(method) && method.toUpperCase() !== 'PUT') ||
      (method === 'POST' && (path === SEARCH_PATH || path === TOKEN_PATH)),
  });
  const transport = new QTestTransport(
    createQTestClient({ baseUrl: options.baseUrl, auth: options.auth, fetch }),
    projectId,
  );

  return {
    name: 'qTest Manager',
    capabilities: QTEST_CAPABILITIES,
    entityTypes: QTEST_ENTITY_TYPES,
    countedChildren: { 'test-run': 'test-log' },
    describeProject: (call) => describeQTestProject(transport, logger, call?.signal),
    preflight: (census, preflightOptions) => runQTestPreflight(transport, census, preflightOptions),
    // The context is the JSON preflight produced (and the engine stored) for this target.
    createMapper: (context, mapperOptions) =>
      createQTestMapper(context as unknown as QTestContext, mapperOptions),
    holdsMigratedData: (projectKey, call) => holdsQTestMigration(transport, projectKey, call?.signal),
    find: (entity, call) => findQTestEntity(transport, entity, call?.signal),
    create: (entity, call) => createQTestEntity(transport, entity, call?.signal),
    update: (entity, call) => updateQTestEntity(transport, entity, call?.signal),
    verify: (entity, call) => verifyQTestEntity(transport, entity, call?.signal),
    census: (type, call) => qtestCensus(transport, type, call?.signal),
  };
}

/** `QTEST_PROJECT_ID` arrives as text from the environment, or as a number from code. */
function parseProjectId(projectId: number | string): number {
  const text = String(projectId).trim();
  const id = Number(text);
  if (!/^[0-9]+$/.test(text) || !Number.isSafeInteger(id) || id < 1) {
    throw new ConfigError([
      `QTEST_PROJECT_ID is not a qTest project id: ${JSON.stringify(String(projectId))}`,
    ]);
  }
  return id;
}
