import { queryChoice } from '../../server/query-parameters.js';
import { SimHttpError, type SimulatorServer } from '../../server/simulator-server.js';
import type { ProjectState, QTestStore, StoredModule } from '../qtest-store.js';
import { ProjectResources } from '../resources.js';
import { moduleBody, parseBody } from '../validation.js';
import { found, projectOf, queryInteger } from './route-support.js';

/** The Test Design tree: modules under root or under a parent module (API-NOTES B.4). */
export function registerModuleRoutes(server: SimulatorServer, store: QTestStore): void {
  const base = '/api/v3/projects/{projectId}/modules';

  server.route('POST', base, (request) => {
    const project = projectOf(store, request);
    const body = parseBody(request, moduleBody);
    // qTest 6+ takes the parent from the query, older versions from `parent_id` in the body;
    // a request that gives both must agree.
    const queryParent = queryInteger(request.query, 'parentId');
    if (queryParent !== undefined && body.parent_id !== undefined && queryParent !== body.parent_id) {
      throw new SimHttpError(
        400,
        `parentId ${queryParent} differs from parent_id ${body.parent_id} in the body`,
      );
    }
    const parentId = nonRoot(queryParent ?? body.parent_id);
    if (parentId !== undefined) requireModule(project, parentId, 'parentId');
    const module = store.addModule(project, {
      name: body.name,
      ...(body.description === undefined ? {} : { description: body.description }),
      ...(parentId === undefined ? {} : { parentId }),
    });
    return {
      status: 201,
      body: new ProjectResources(store, project, request.url.origin).module(module, { descendants: false }),
    };
  });

  server.route('GET', base, (request) => {
    const project = projectOf(store, request);
    const parentId = nonRoot(queryInteger(request.query, 'parentId'));
    if (parentId !== undefined) requireModule(project, parentId, 'parentId');
    const descendants = queryChoice(request.query, 'expand', ['descendants']) !== undefined;
    const search = request.query.get('search');
    // With `search`, the spec says modules are searched "by names"; the simulator searches the
    // whole subtree below the parent (case-insensitive contains) and lists the matches flat.
    const modules = search
      ? subtree(project, parentId).filter((module) =>
          module.name.toLowerCase().includes(search.toLowerCase()),
        )
      : project.childModules(parentId);
    const resources = new ProjectResources(store, project, request.url.origin);
    return { status: 200, body: modules.map((module) => resources.module(module, { descendants })) };
  });

  // updateModule. With `parentId` the module moves and the body is ignored (API-NOTES B.4);
  // without it, the body renames the module or changes its description.
  server.route('PUT', `${base}/{moduleId}`, (request) => {
    const project = projectOf(store, request);
    const module = found(project.modules, request, 'moduleId', 'Module');
    const resources = new ProjectResources(store, project, request.url.origin);
    if (request.query.has('parentId')) {
      const parentId = nonRoot(queryInteger(request.query, 'parentId'));
      if (parentId !== undefined) {
        requireModule(project, parentId, 'parentId');
        // The spec is silent; a tree cannot hold a module below itself.
        if (subtree(project, module.id).some((below) => below.id === parentId) || parentId === module.id) {
          throw new SimHttpError(400, `parentId ${parentId} is module ${module.id} or lies below it`);
        }
      }
      const moved = store.moveModule(project, module, parentId);
      return { status: 200, body: resources.module(moved, { descendants: false }) };
    }
    const body = parseBody(request, moduleBody);
    const updated = store.updateModule(project, module, {
      name: body.name,
      ...(body.description === undefined ? {} : { description: body.description }),
    });
    return { status: 200, body: resources.module(updated, { descendants: false }) };
  });

  server.route('GET', `${base}/{moduleId}`, (request) => {
    const project = projectOf(store, request);
    const module = found(project.modules, request, 'moduleId', 'Module');
    const descendants = queryChoice(request.query, 'expand', ['descendants']) !== undefined;
    return {
      status: 200,
      body: new ProjectResources(store, project, request.url.origin).module(module, { descendants }),
    };
  });
}

/** `parentId=0` is how some clients name root; qTest module ids are never 0. */
function nonRoot(parentId: number | undefined): number | undefined {
  return parentId === 0 ? undefined : parentId;
}

export function requireModule(project: ProjectState, moduleId: number, what: string): StoredModule {
  const module = project.modules.get(moduleId);
  if (!module) throw new SimHttpError(400, `${what} ${moduleId} is not a module of project ${project.id}`);
  return module;
}

function subtree(project: ProjectState, parentId: number | undefined): StoredModule[] {
  return project.childModules(parentId).flatMap((module) => [module, ...subtree(project, module.id)]);
}
