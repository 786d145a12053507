import type { z } from 'zod';
import { queryBoolean } from '../../server/query-parameters.js';
import { SimHttpError, type SimulatorServer } from '../../server/simulator-server.js';
import { resolveProperties } from '../field-values.js';
import type { ProjectState, QTestStore } from '../qtest-store.js';
import { ProjectResources } from '../resources.js';
import { parseBody, releaseBody } from '../validation.js';
import { found, projectOf } from './route-support.js';

/** Releases, the top containers of the Test Execution tree (API-NOTES B.7). */
export function registerReleaseRoutes(server: SimulatorServer, store: QTestStore): void {
  const base = '/api/v3/projects/{projectId}/releases';

  server.route('POST', base, (request) => {
    const project = projectOf(store, request);
    const body = parseBody(request, releaseBody);
    checkReleaseDates(body);
    const release = store.addRelease(project, releaseFields(store, project, body));
    return { status: 201, body: new ProjectResources(store, project, request.url.origin).release(release) };
  });

  server.route('GET', base, (request) => {
    const project = projectOf(store, request);
    // Releases in the simulator are never closed, so includeClosed changes nothing; it is still
    // checked to be a boolean.
    queryBoolean(request.query, 'includeClosed', false);
    const resources = new ProjectResources(store, project, request.url.origin);
    return { status: 200, body: [...project.releases.values()].map((release) => resources.release(release)) };
  });

  // updateReleaseById: a full update, as POST takes it.
  server.route('PUT', `${base}/{releaseId}`, (request) => {
    const project = projectOf(store, request);
    const release = found(project.releases, request, 'releaseId', 'Release');
    const body = parseBody(request, releaseBody);
    checkReleaseDates(body);
    const updated = store.updateRelease(project, release, releaseFields(store, project, body));
    return { status: 200, body: new ProjectResources(store, project, request.url.origin).release(updated) };
  });

  server.route('GET', `${base}/{releaseId}`, (request) => {
    const project = projectOf(store, request);
    const release = found(project.releases, request, 'releaseId', 'Release');
    return { status: 200, body: new ProjectResources(store, project, request.url.origin).release(release) };
  });
}

type ReleaseBody = z.infer<typeof releaseBody>;

/** The spec does not say it, but a release cannot end before it starts. */
function checkReleaseDates(body: ReleaseBody): void {
  if (body.start_date && body.end_date && Date.parse(body.start_date) > Date.parse(body.end_date)) {
    throw new SimHttpError(400, `end_date ${body.end_date} is before start_date ${body.start_date}`);
  }
}

function releaseFields(store: QTestStore, project: ProjectState, body: ReleaseBody) {
  return {
    name: body.name,
    ...(body.description === undefined ? {} : { description: body.description }),
    ...(body.note === undefined ? {} : { note: body.note }),
    ...(body.start_date === undefined ? {} : { startDate: body.start_date }),
    ...(body.end_date === undefined ? {} : { endDate: body.end_date }),
    properties: resolveProperties(project, 'releases', body.properties, store.users()),
  };
}
