import { SimHttpError } from '../server/simulator-server.js';
import {
  type ContainerRef,
  type ContainerType,
  type CycleParentType,
  type ProjectState,
  ROOT,
} from './qtest-store.js';
import { queryInteger } from './routes/route-support.js';

/**
 * The Test Execution tree: root → releases → test cycles (nestable) → test suites → test runs.
 * Runs may sit under any container; cycles and suites under root, a release or a cycle.
 */
export const CYCLE_PARENT_TYPES: readonly CycleParentType[] = ['root', 'release', 'test-cycle'];
export const RUN_PARENT_TYPES: readonly ContainerType[] = ['root', 'release', 'test-cycle', 'test-suite'];

/**
 * Reads `parentId` and `parentType` from the query, or from the body where the spec also has
 * them there (suites, runs). Both left out means root, as for modules; the spec says so only for
 * modules. `parentType=root` goes with `parentId` 0 or none; every other type needs an id.
 */
export function containerFrom<T extends ContainerType>(
  query: URLSearchParams,
  allowed: readonly T[],
  body: { parentId?: number | undefined; parentType?: string | undefined } = {},
): ContainerRef<T> {
  // Every parent list of the spec includes root.
  const root = ROOT as ContainerRef<T>;
  const queryId = queryInteger(query, 'parentId');
  const queryType = query.get('parentType') ?? undefined;
  if (queryId !== undefined && body.parentId !== undefined && queryId !== body.parentId) {
    throw new SimHttpError(
      400,
      `parentId ${queryId} in the query differs from parentId ${body.parentId} in the body`,
    );
  }
  if (queryType !== undefined && body.parentType !== undefined && queryType !== body.parentType) {
    throw new SimHttpError(
      400,
      `parentType ${queryType} in the query differs from ${body.parentType} in the body`,
    );
  }
  const id = queryId ?? body.parentId;
  const type = queryType ?? body.parentType;
  if (type === undefined) {
    if (id === undefined || id === 0) return root;
    throw new SimHttpError(400, `parentType is required with parentId ${id} (one of ${allowed.join(', ')})`);
  }
  if (!(allowed as readonly string[]).includes(type)) {
    throw new SimHttpError(400, `parentType must be one of ${allowed.join(', ')}, got "${type}"`);
  }
  if (type === 'root') {
    if (id !== undefined && id !== 0)
      throw new SimHttpError(400, `parentType root takes parentId 0, got ${id}`);
    return root;
  }
  if (id === undefined) throw new SimHttpError(400, `parentId is required with parentType ${type}`);
  return { type: type as T, id };
}

/** Refuses a parent that does not exist in the project (400: the request names it). */
export function requireContainer(project: ProjectState, container: ContainerRef): void {
  if (container.type === 'root') return;
  if (!containers(project, container.type).has(container.id)) {
    throw new SimHttpError(
      400,
      `parentId ${container.id} is not a ${container.type} of project ${project.id}`,
    );
  }
}

export function sameContainer(a: ContainerRef, b: ContainerRef): boolean {
  return a.type === b.type && a.id === b.id;
}

/** Whether `container` is `ancestor` or lies anywhere below it. */
export function isWithin(project: ProjectState, container: ContainerRef, ancestor: ContainerRef): boolean {
  let current: ContainerRef | undefined = container;
  while (current) {
    if (sameContainer(current, ancestor)) return true;
    current = parentOf(project, current);
  }
  return false;
}

function parentOf(project: ProjectState, container: ContainerRef): ContainerRef | undefined {
  switch (container.type) {
    case 'root':
      return undefined;
    case 'release':
      return ROOT;
    case 'test-cycle':
      return project.testCycles.get(container.id)?.parent;
    case 'test-suite':
      return project.testSuites.get(container.id)?.parent;
  }
}

function containers(
  project: ProjectState,
  type: Exclude<ContainerType, 'root'>,
): ReadonlyMap<number, unknown> {
  switch (type) {
    case 'release':
      return project.releases;
    case 'test-cycle':
      return project.testCycles;
    case 'test-suite':
      return project.testSuites;
  }
}

/** `target_release_id` must name a release of the project; builds are not simulated. */
export function requireTargets(
  project: ProjectState,
  targets: { target_release_id?: number | undefined; target_build_id?: number | undefined },
): void {
  if (targets.target_release_id !== undefined && !project.releases.has(targets.target_release_id)) {
    throw new SimHttpError(
      400,
      `target_release_id ${targets.target_release_id} is not a release of project ${project.id}`,
    );
  }
  if (targets.target_build_id !== undefined) {
    throw new SimHttpError(400, 'target_build_id: the simulator keeps no builds');
  }
}
