import type { SimulatorServer } from '../../server/simulator-server.js';
import { resolveProperties } from '../field-values.js';
import { pageOf, pageRequest, REQUIREMENT_PAGING } from '../paging.js';
import type { QTestStore } from '../qtest-store.js';
import { ProjectResources } from '../resources.js';
import { parseBody, requirementBody } from '../validation.js';
import { requireModule } from './modules.js';
import { found, projectOf, queryInteger } from './route-support.js';

/**
 * Requirements, the targets of test-case coverage links (API-NOTES B.12). qTest keeps them in
 * a tree of their own whose modules the spec cannot create; the simulator takes the project's
 * modules as their parents.
 */
export function registerRequirementRoutes(server: SimulatorServer, store: QTestStore): void {
  const base = '/api/v3/projects/{projectId}/requirements';

  server.route('POST', base, (request) => {
    const project = projectOf(store, request);
    const body = parseBody(request, requirementBody);
    const parentId = queryInteger(request.query, 'parentId');
    if (parentId !== undefined) requireModule(project, parentId, 'parentId');
    const requirement = store.addRequirement(project, {
      name: body.name,
      ...(parentId === undefined ? {} : { parentId }),
      properties: resolveProperties(project, 'requirements', body.properties, store.users()),
    });
    // Requirements are created with 200 (spec).
    return {
      status: 200,
      body: new ProjectResources(store, project, request.url.origin).requirement(requirement),
    };
  });

  server.route('GET', base, (request) => {
    const project = projectOf(store, request);
    const parentId = queryInteger(request.query, 'parentId');
    if (parentId !== undefined) requireModule(project, parentId, 'parentId');
    const paging = pageRequest(request.query, REQUIREMENT_PAGING);
    const requirements = [...project.requirements.values()].filter(
      (requirement) => parentId === undefined || requirement.parentId === parentId,
    );
    const resources = new ProjectResources(store, project, request.url.origin);
    return {
      status: 200,
      body: pageOf(requirements, paging).map((requirement) => resources.requirement(requirement)),
    };
  });

  server.route('GET', `${base}/{requirementId}`, (request) => {
    const project = projectOf(store, request);
    const requirement = found(project.requirements, request, 'requirementId', 'Requirement');
    return {
      status: 200,
      body: new ProjectResources(store, project, request.url.origin).requirement(requirement),
    };
  });
}
