import { ZtoqError } from '../../errors.js';
import type { CreatedEntity, ResolvedEntity } from '../../ports/target.js';
import { FIELD_LABEL } from './mapping/index.js';
import { executionParent } from './qtest-creators.js';
import type {
  ModuleMarker,
  QTestEntityType,
  QTestProperty,
  ReleaseBody,
  TestCaseBody,
  TestCaseData,
  TestCaseMarker,
  TestCycleMarker,
  TestLogMarker,
  TestRunBody,
  TestRunMarker,
} from './qtest-entities.js';
import { hasMarkerLine } from './qtest-marker-line.js';
import { bodyOf, entityName, markerOf, refId, requiredRefId } from './qtest-resolved-entity.js';
import { stepIdsFrom } from './qtest-test-steps.js';
import type {
  QTestPropertyResource,
  QTestRunResource,
  QTestSearchObjectType,
  QTestStepResource,
  QTestTransport,
} from './qtest-transport.js';

type Finder = (
  transport: QTestTransport,
  entity: ResolvedEntity,
  signal?: AbortSignal,
) => Promise<CreatedEntity | undefined>;

/** The marker field of test cases and releases, and the run field environments go to, as the mapping names them. */
const ZEPHYR_KEY_LABEL = FIELD_LABEL.zephyrKey;
const ENVIRONMENT_LABEL = FIELD_LABEL.environment;

/**
 * Looking for what an unconfirmed create may have made, by the plan's marker, among the
 * entity's would-be siblings (or by search, for the types that carry the `Zephyr Key` field).
 * Reads only: a finder never writes. When an earlier attempt left several matches (a
 * duplicate made by hand, or by a tool without this check), the oldest one (lowest id) wins,
 * so every later find picks the same.
 */
const FINDERS: Record<QTestEntityType, Finder> = {
  module: async (transport, entity, signal) => {
    const { line } = markerOf<ModuleMarker>(entity);
    const siblings = await transport.listModules(refId(entity, 'parent'), signal);
    return found(oldest(siblings.filter((module) => hasMarkerLine(module.description, line))));
  },

  'test-case': async (transport, entity, signal) => {
    const { zephyrKey } = markerOf<TestCaseMarker>(entity);
    const fieldId = markerFieldId(bodyOf<TestCaseBody>(entity).properties, zephyrKey);
    const hits = await transport.search('test-cases', zephyrKeyQuery(zephyrKey), {
      appendTestSteps: true,
      signal,
    });
    const hit = oldest(hits.map(searchHit).filter((candidate) => carriesKey(candidate, fieldId, zephyrKey)));
    if (hit === undefined) return undefined;
    const data: TestCaseData = { stepIds: await stepIdsFrom(transport, hit.id, hit.test_steps, signal) };
    return { targetId: String(hit.id), data: { ...data } };
  },

  release: async (transport, entity, signal) => {
    const { zephyrKey } = markerOf<TestCaseMarker>(entity);
    const fieldId = markerFieldId(bodyOf<ReleaseBody>(entity).properties, zephyrKey);
    return found(await searchByKey(transport, 'releases', zephyrKey, fieldId, signal));
  },

  'test-cycle': async (transport, entity, signal) => {
    const { line } = markerOf<TestCycleMarker>(entity);
    const siblings = await transport.listTestCycles(executionParent(entity), signal);
    return found(oldest(siblings.filter((cycle) => hasMarkerLine(cycle.description, line))));
  },

  'test-run': async (transport, entity, signal) => {
    const testCaseId = requiredRefId(entity, 'testCase');
    const { environmentValue } = markerOf<TestRunMarker>(entity);
    const environmentFieldId = markerFieldId(
      bodyOf<TestRunBody>(entity).properties,
      environmentValue === null ? undefined : String(environmentValue),
    );
    const siblings = await transport.listTestRuns(executionParent(entity), signal);
    return found(
      oldest(
        siblings.filter(
          (run) =>
            runTestCaseId(run) === testCaseId &&
            environmentOf(run.properties, environmentFieldId) === (environmentValue?.toString() ?? ''),
        ),
      ),
    );
  },

  'test-log': async (transport, entity, signal) => {
    const { line } = markerOf<TestLogMarker>(entity);
    const logs = await transport.listTestLogs(requiredRefId(entity, 'run'), signal);
    return found(oldest(logs.filter((log) => hasMarkerLine(log.note, line))));
  },
};

export function findQTestEntity(
  transport: QTestTransport,
  entity: ResolvedEntity,
  signal?: AbortSignal,
): Promise<CreatedEntity | undefined> {
  const finder = (FINDERS as Record<string, Finder | undefined>)[entity.type];
  if (finder === undefined)
    throw new ZtoqError(`${entityName(entity)}: qTest has no entity type "${entity.type}"`);
  return finder(transport, entity, signal);
}

/**
 * A Data Query value in quotes. qTest's syntax has no escape (API-NOTES B.12), so a value
 * with a single quote goes in double quotes; Zephyr keys (`PROJ-T12`) never need either.
 */
export function zephyrKeyQuery(key: string): string {
  const quote = !key.includes("'") ? "'" : !key.includes('"') ? '"' : undefined;
  if (quote === undefined)
    throw new ZtoqError(`cannot search qTest for ${JSON.stringify(key)}: it holds both quote marks`);
  return `'${ZEPHYR_KEY_LABEL}' = ${quote}${key}${quote}`;
}

interface SearchHit {
  id: number;
  properties: QTestPropertyResource[] | undefined;
  test_steps: QTestStepResource[] | undefined;
}

async function searchByKey(
  transport: QTestTransport,
  objectType: QTestSearchObjectType,
  key: string,
  fieldId: number | undefined,
  signal: AbortSignal | undefined,
): Promise<SearchHit | undefined> {
  const hits = await transport.search(objectType, zephyrKeyQuery(key), { signal });
  return oldest(hits.map(searchHit).filter((hit) => carriesKey(hit, fieldId, key)));
}

/** Search answers are typed as any resource; the finders read only these three keys. */
function searchHit(item: Record<string, unknown>): SearchHit {
  if (typeof item.id !== 'number') throw new ZtoqError('qTest answered a search hit without an id');
  return {
    id: item.id,
    properties: Array.isArray(item.properties) ? (item.properties as QTestPropertyResource[]) : undefined,
    test_steps: Array.isArray(item.test_steps) ? (item.test_steps as QTestStepResource[]) : undefined,
  };
}

/**
 * qTest's `=` may compare without regard to case (the spec does not say); keys are compared
 * exactly here. A hit answered without properties is taken on the query's word.
 */
function carriesKey(hit: SearchHit, fieldId: number | undefined, key: string): boolean {
  if (hit.properties === undefined) return true;
  return hit.properties.some(
    (property) =>
      (fieldId === undefined ? property.field_name === ZEPHYR_KEY_LABEL : property.field_id === fieldId) &&
      property.field_value === key,
  );
}

/** The field the plan put the marker value in: the planned property holding exactly that value. */
function markerFieldId(properties: readonly QTestProperty[], value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  return properties.find((property) => property.field_value === value)?.field_id;
}

/**
 * A run's `Environment` value (an allowed value id as text), or '' when it has none. Without
 * a planned environment the field id is unknown, so the field is recognised by its label.
 */
function environmentOf(
  properties: readonly QTestPropertyResource[] | undefined,
  fieldId: number | undefined,
): string {
  const property = properties?.find((candidate) =>
    fieldId === undefined ? candidate.field_name === ENVIRONMENT_LABEL : candidate.field_id === fieldId,
  );
  return property?.field_value?.trim() ?? '';
}

/** The list answers name the test case in `test_case.id`; some versions only in `testCaseId`. */
export function runTestCaseId(run: QTestRunResource): number | undefined {
  return run.test_case?.id ?? run.testCaseId;
}

function oldest<T extends { id?: number }>(candidates: readonly T[]): (T & { id: number }) | undefined {
  let best: (T & { id: number }) | undefined;
  for (const candidate of candidates) {
    if (candidate.id !== undefined && (best === undefined || candidate.id < best.id)) {
      best = candidate as T & { id: number };
    }
  }
  return best;
}

function found(match: { id: number } | undefined): CreatedEntity | undefined {
  return match === undefined ? undefined : { targetId: String(match.id) };
}
