/** A qTest simulator on loopback and a `qtest()` target pointed at it, plus hand-built plans. */
import {
  createQTestSimulator,
  DEFAULT_PASSWORD,
  DEFAULT_PROJECT_ID,
  DEFAULT_SITE_NAME,
  DEFAULT_USERS,
  type QTestSimulator,
  type QTestSimulatorOptions,
} from '@ztoq/simulators';
import { qtest } from '../../../src/adapters/qtest/index.js';
import type { QTestTargetOptions } from '../../../src/adapters/qtest/qtest-target.js';
import type { SourceCensus } from '../../../src/model/census.js';
import type { JsonObject } from '../../../src/ports/state-store.js';
import type { CreatedEntity, ResolvedEntity, Target } from '../../../src/ports/target.js';

export const PROJECT_ID = DEFAULT_PROJECT_ID;
export const READY_TOKEN = 'ready-token';

export interface Site {
  sim: QTestSimulator;
  target: Target;
  /** The qTest field id with this label on the object type (after preflight or seeding). */
  fieldId(objectType: 'test-cases' | 'test-runs' | 'releases', label: string): number;
  /** An allowed value's id, by field and value label. */
  allowedValue(objectType: 'test-cases' | 'test-runs' | 'releases', field: string, label: string): number;
  close(): Promise<void>;
}

/**
 * Starts a simulator and a target that logs in with the admin's password, or (`auth: 'token'`)
 * uses a ready token, which keeps the login POST away from write faults.
 */
export async function startSite(
  options: QTestSimulatorOptions & { auth?: 'password' | 'token'; target?: Partial<QTestTargetOptions> } = {},
): Promise<Site> {
  const { auth = 'password', target: targetOptions, ...simOptions } = options;
  const sim = createQTestSimulator({ tokens: [READY_TOKEN], ...simOptions });
  const baseUrl = await sim.listen();
  const target = qtest({
    baseUrl,
    projectId: PROJECT_ID,
    auth:
      auth === 'token'
        ? { kind: 'token', token: READY_TOKEN }
        : {
            kind: 'password',
            username: DEFAULT_USERS[0]?.username ?? '',
            password: DEFAULT_PASSWORD,
            siteName: DEFAULT_SITE_NAME,
          },
    ...targetOptions,
  });
  const field = (objectType: 'test-cases' | 'test-runs' | 'releases', label: string) => {
    const found = sim.store
      .project(PROJECT_ID)
      ?.fieldsOf(objectType)
      .find((candidate) => candidate.label === label);
    if (found === undefined) throw new Error(`no ${objectType} field ${label}`);
    return found;
  };
  return {
    sim,
    target,
    fieldId: (objectType, label) => field(objectType, label).id,
    allowedValue: (objectType, fieldLabel, label) => {
      const value = field(objectType, fieldLabel).allowedValues.find((allowed) => allowed.label === label);
      if (value === undefined) throw new Error(`no value ${label} in ${fieldLabel}`);
      return value.value;
    },
    close: () => sim.close(),
  };
}

/** The marker and environment fields the qTest mapping uses, as a project has them after preflight. */
export const MARKER_FIELDS: NonNullable<QTestSimulatorOptions['projects']>[number]['customFields'] = [
  { objectType: 'test-cases', label: 'Zephyr Key', dataType: 1 },
  { objectType: 'releases', label: 'Zephyr Key', dataType: 1 },
  { objectType: 'test-runs', label: 'Environment', dataType: 3, allowedValues: ['Staging', 'Production'] },
];

export function census(overrides: Partial<SourceCensus> = {}): SourceCensus {
  return {
    projectKey: 'DEMO',
    counts: { 'test-case': 2, 'test-execution': 2 },
    testCaseStatuses: [],
    testCasePriorities: [],
    executionStatuses: ['Pass'],
    environments: ['Staging', 'Chrome 120'],
    users: [],
    testCaseFields: [{ name: 'Risk', kinds: ['list'], values: ['Low', 'High'], manyValues: false }],
    testCaseAttributes: { labels: ['smoke'], components: [], owners: false, estimatedTime: false },
    ...overrides,
  };
}

/** A plan as the engine hands it to the target, its references resolved to what was created. */
export function resolved(
  type: string,
  sourceId: string,
  body: object,
  marker: object,
  refs: Record<string, CreatedEntity> = {},
): ResolvedEntity {
  return {
    type,
    sourceId,
    body: body as JsonObject,
    marker: marker as JsonObject,
    refs: Object.fromEntries(
      Object.entries(refs).map(([name, ref]) => [name, { targetId: ref.targetId, data: ref.data ?? null }]),
    ),
  };
}
