import type { qtestApi } from '@ztoq/core';
import { queryBoolean } from '../../server/query-parameters.js';
import { SimHttpError, type SimulatorServer } from '../../server/simulator-server.js';
import { valueName } from '../field-values.js';
import { PAGE_SIZE_PAGING, pagedEnvelope, pageRequest } from '../paging.js';
import type {
  FieldObjectType,
  ProjectState,
  QTestStore,
  StoredProperty,
  StoredUser,
} from '../qtest-store.js';
import { ProjectResources } from '../resources.js';
import { type Criterion, matches, parseQuery } from '../search.js';
import { parseBody, searchBody } from '../validation.js';
import { projectOf } from './route-support.js';

type PagedResource = qtestApi.components['schemas']['PagedResource'];

/** Object types of the spec's search that the simulator holds; builds and defects it does not. */
const SEARCHABLE = [
  'test-cases',
  'test-runs',
  'test-cycles',
  'test-suites',
  'test-logs',
  'releases',
  'requirements',
] as const;
type Searchable = (typeof SEARCHABLE)[number];
const SPEC_OBJECT_TYPES = [...SEARCHABLE, 'builds', 'defects'];
/** The criteria the spec adds for test logs, by the stored date they compare. */
const TEST_LOG_DATES = {
  'execution start date': 'exeStartDate',
  'execution end date': 'exeEndDate',
} as const;

interface Candidate {
  readonly id: number;
  readonly pid: string;
  readonly name: string;
  readonly properties: readonly StoredProperty[];
  /** Date criteria of the object type (test logs: execution start and end), by lower-case name. */
  readonly dates?: Readonly<Record<string, string>>;
  readonly resource: () => Record<string, unknown>;
}

/**
 * `POST …/search`, qTest's Data Query (API-NOTES B.12): the engine finds what it created
 * before by `'Zephyr Key' = 'PROJ-T1'` or by name. Criteria may name `id`, `pid`, `name` or a
 * field of the object type by label or field id; picklist and user fields compare by the
 * value's name, as queries in qTest's UI are written.
 */
export function registerSearchRoutes(server: SimulatorServer, store: QTestStore): void {
  server.route('POST', '/api/v3/projects/{projectId}/search', (request) => {
    const project = projectOf(store, request);
    const body = parseBody(request, searchBody);
    const paging = pageRequest(request.query, PAGE_SIZE_PAGING);
    const appendTestSteps = queryBoolean(request.query, 'appendTestSteps', false);
    const includeTestLogProperties = queryBoolean(request.query, 'includeTestLogProperties', false);
    if (!SPEC_OBJECT_TYPES.includes(body.object_type)) {
      throw new SimHttpError(
        400,
        `object_type must be one of ${SPEC_OBJECT_TYPES.join(', ')}, got "${body.object_type}"`,
      );
    }
    if (!(SEARCHABLE as readonly string[]).includes(body.object_type)) {
      throw new SimHttpError(400, `the simulator does not search ${body.object_type}`);
    }
    const objectType = body.object_type as Searchable;
    const criteria = parseQuery(body.query ?? '');
    const resources = new ProjectResources(store, project, request.url.origin);
    const fields =
      objectType === 'test-cycles'
        ? []
        : project
            .fieldsOf(objectType === 'test-logs' ? 'test-runs' : objectType)
            .filter((field) => field.isActive);
    const users = store.users();
    const expand = { appendTestSteps, includeTestLogProperties };
    const hits = candidates(project, objectType, resources, expand).filter((candidate) =>
      criteria.every((criterion) =>
        matches(criterion, criterionValue(candidate, criterion, fields, users, objectType)),
      ),
    );
    const page = pagedEnvelope(hits, paging);
    const result: PagedResource = {
      ...page,
      items: page.items.map((hit) => selectFields(hit.resource(), body.fields)),
    };
    return { status: 200, body: result };
  });
}

function candidates(
  project: ProjectState,
  objectType: Searchable,
  resources: ProjectResources,
  expand: { appendTestSteps: boolean; includeTestLogProperties: boolean },
): Candidate[] {
  switch (objectType) {
    case 'test-cases':
      return [...project.testCases.values()].map((testCase) => ({
        ...testCase,
        resource: () => resources.testCase(testCase, { steps: expand.appendTestSteps, properties: true }),
      }));
    case 'test-logs':
      // A log has no pid; its name is optional (automation logs carry one).
      return [...project.testLogs.values()].map((log) => ({
        id: log.id,
        pid: '',
        name: log.name ?? '',
        properties: log.properties,
        dates: {
          [TEST_LOG_DATES['execution start date']]: log.exeStartDate,
          [TEST_LOG_DATES['execution end date']]: log.exeEndDate,
        },
        resource: () => {
          // "By default … properties and Test step logs are not included" (spec, includeTestLogProperties).
          const { properties, test_step_logs, ...rest } = resources.testLog(log, {});
          return expand.includeTestLogProperties ? { ...rest, properties, test_step_logs } : rest;
        },
      }));
    case 'test-runs':
      return [...project.testRuns.values()].map((run) => ({
        ...run,
        resource: () => resources.testRun(run, { testCaseSteps: false }),
      }));
    case 'test-cycles':
      return [...project.testCycles.values()].map((cycle) => ({
        ...cycle,
        properties: [],
        resource: () => resources.testCycle(cycle, { descendants: false }),
      }));
    case 'test-suites':
      return [...project.testSuites.values()].map((suite) => ({
        ...suite,
        resource: () => resources.testSuite(suite),
      }));
    case 'releases':
      return [...project.releases.values()].map((release) => ({
        ...release,
        resource: () => resources.release(release),
      }));
    case 'requirements':
      return [...project.requirements.values()].map((requirement) => ({
        ...requirement,
        resource: () => resources.requirement(requirement),
      }));
  }
}

/** The text of the candidate that a criterion compares. */
function criterionValue(
  candidate: Candidate,
  criterion: Criterion,
  fields: ReturnType<ProjectState['fieldsOf']>,
  users: readonly StoredUser[],
  objectType: FieldObjectType | 'test-cycles' | 'test-logs',
): string {
  const name = criterion.field.toLowerCase();
  if (objectType === 'test-logs' && name in TEST_LOG_DATES)
    return candidate.dates?.[TEST_LOG_DATES[name as keyof typeof TEST_LOG_DATES]] ?? '';
  if (criterion.operator === '>' || criterion.operator === '<')
    throw new SimHttpError(400, `'${criterion.field}' is not a date criterion of ${objectType}`);
  if (name === 'id') return String(candidate.id);
  if (name === 'pid') return candidate.pid;
  if (name === 'name') return candidate.name;
  const field = fields.find(
    (candidateField) => candidateField.label.toLowerCase() === name || String(candidateField.id) === name,
  );
  if (!field) {
    throw new SimHttpError(
      400,
      `'${criterion.field}' is not id, pid, name or a field of ${objectType} in this project`,
    );
  }
  const value = candidate.properties.find((property) => property.fieldId === field.id)?.value ?? '';
  return valueName(field, value, users);
}

/** `fields` lists the attributes to answer; `*` or none means all (spec). `id` always comes along. */
function selectFields(
  resource: Record<string, unknown>,
  fields: readonly string[] | undefined,
): Record<string, unknown> {
  if (fields === undefined || fields.length === 0 || fields.includes('*')) return resource;
  return Object.fromEntries(Object.entries(resource).filter(([key]) => key === 'id' || fields.includes(key)));
}
