import type { qtestApi } from '@ztoq/core';
import { queryChoice } from '../../server/query-parameters.js';
import { SimHttpError, type SimulatorServer } from '../../server/simulator-server.js';
import type { ProjectState, QTestStore } from '../qtest-store.js';
import { ProjectResources } from '../resources.js';
import { linkIdsBody, parseBody } from '../validation.js';
import { pathId, projectOf } from './route-support.js';

type LinkedArtifactContainer = qtestApi.components['schemas']['LinkedArtifactContainer'];

/** Source object types of `POST …/{objectType}/{objectId}/link`: a test case cannot be one (spec). */
const LINK_SOURCES = ['releases', 'builds', 'requirements', 'test-logs', 'test-steps'] as const;
const LINK_TARGETS = [
  'releases',
  'builds',
  'requirements',
  'test-cases',
  'test-runs',
  'test-logs',
  'test-steps',
  'defects',
] as const;

/**
 * The one link kind the simulator models: a requirement covered by test cases, written from the
 * requirement's side. Other pairs the spec allows are refused with 400 rather than stored
 * without meaning. The link types are qTest's names for the two directions.
 */
const COVERAGE = {
  requirement: 'requirements',
  testCase: 'test-cases',
  covered: 'is_covered_by',
  covers: 'covers',
} as const;

/** Object links (API-NOTES B.12). */
export function registerLinkRoutes(server: SimulatorServer, store: QTestStore): void {
  server.route('POST', '/api/v3/projects/{projectId}/{objectType}/{objectId}/link', (request) => {
    const project = projectOf(store, request);
    const sourceType = request.params.objectType ?? '';
    if (!(LINK_SOURCES as readonly string[]).includes(sourceType)) {
      throw new SimHttpError(
        400,
        `objectType must be one of ${LINK_SOURCES.join(', ')}, got "${sourceType}"`,
      );
    }
    const targetType = queryChoice(request.query, 'type', LINK_TARGETS);
    if (targetType === undefined)
      throw new SimHttpError(400, 'type (the object type of the linked objects) is required');
    if (sourceType !== COVERAGE.requirement || targetType !== COVERAGE.testCase) {
      throw new SimHttpError(
        400,
        `the simulator links requirements to test-cases only, not ${sourceType} to ${targetType}`,
      );
    }
    const sourceId = pathId(request, 'objectId');
    const requirement = sourceId === undefined ? undefined : project.requirements.get(sourceId);
    if (!requirement)
      throw new SimHttpError(404, `Requirement ${request.params.objectId} does not exist in this project`);
    const ids = parseBody(request, linkIdsBody);
    // "System will ignore those objects that cannot be linked" (spec): unknown ids are skipped.
    for (const id of ids) {
      if (project.testCases.has(id)) {
        store.addLink(project, { sourceType, sourceId: requirement.id, targetType, targetId: id });
      }
    }
    return {
      status: 200,
      body: [coverage(store, project, request.url.origin, 'requirements', requirement.id)],
    };
  });

  server.route('GET', '/api/v3/projects/{projectId}/linked-artifacts', (request) => {
    const project = projectOf(store, request);
    const type = queryChoice(request.query, 'type', LINK_TARGETS);
    if (type !== COVERAGE.requirement && type !== COVERAGE.testCase) {
      throw new SimHttpError(
        400,
        `the simulator keeps links of requirements and test-cases only, not "${type ?? ''}"`,
      );
    }
    // The schema repeats `ids` (collectionFormat multi); the text says comma-separated. Both are read.
    const ids = request.query.getAll('ids').flatMap((value) => value.split(','));
    if (ids.some((id) => !/^[0-9]+$/.test(id))) throw new SimHttpError(400, 'ids must be object ids');
    const objects = type === COVERAGE.requirement ? project.requirements : project.testCases;
    return {
      status: 200,
      body: ids
        .map(Number)
        .filter((id) => objects.has(id))
        .map((id) => coverage(store, project, request.url.origin, type, id)),
    };
  });
}

/** The objects linked to one requirement or test case, seen from that object. */
function coverage(
  store: QTestStore,
  project: ProjectState,
  origin: string,
  type: 'requirements' | 'test-cases',
  id: number,
): LinkedArtifactContainer {
  const resources = new ProjectResources(store, project, origin);
  const fromRequirement = type === COVERAGE.requirement;
  const source = fromRequirement ? project.requirements.get(id) : project.testCases.get(id);
  const objects = project.links
    .filter((link) => (fromRequirement ? link.sourceId === id : link.targetId === id))
    .flatMap((link) => {
      const other = fromRequirement
        ? project.testCases.get(link.targetId)
        : project.requirements.get(link.sourceId);
      if (!other) return [];
      const otherType = fromRequirement ? COVERAGE.testCase : COVERAGE.requirement;
      return [
        resources.linkedArtifact(otherType, other, fromRequirement ? COVERAGE.covered : COVERAGE.covers),
      ];
    });
  return { id, ...(source ? { pid: source.pid } : {}), objects };
}
