import { SimHttpError, type SimRequest } from '../../server/simulator-server.js';
import type { ProjectState, QTestStore, StoredUser } from '../qtest-store.js';

/**
 * The project of `{projectId}`. An unknown project is 404 although most operations declare
 * only their success status: qTest answers a missing resource that way.
 */
export function projectOf(store: QTestStore, request: SimRequest): ProjectState {
  const id = pathId(request, 'projectId');
  const project = id === undefined ? undefined : store.project(id);
  if (!project) throw new SimHttpError(404, `Project ${request.params.projectId} does not exist`);
  return project;
}

/** The user the bearer token belongs to. */
export function callerOf(store: QTestStore, request: SimRequest): StoredUser {
  const user = request.credential === undefined ? undefined : store.userByName(request.credential);
  if (!user) throw new SimHttpError(401, 'The token does not belong to a user of this site');
  return user;
}

/** A numeric path parameter; undefined when it is not a number (the caller answers 404). */
export function pathId(request: SimRequest, name: string): number | undefined {
  const raw = request.params[name] ?? '';
  return /^-?[0-9]+$/.test(raw) ? Number(raw) : undefined;
}

/** Looks up `{name}` among `items`, answering 404 naming what is missing. */
export function found<T>(items: ReadonlyMap<number, T>, request: SimRequest, name: string, what: string): T {
  const id = pathId(request, name);
  const item = id === undefined ? undefined : items.get(id);
  if (item === undefined)
    throw new SimHttpError(404, `${what} ${request.params[name]} does not exist in this project`);
  return item;
}

export function queryInteger(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  if (!/^-?[0-9]+$/.test(raw)) throw new SimHttpError(400, `${name} must be an integer, got "${raw}"`);
  return Number(raw);
}
