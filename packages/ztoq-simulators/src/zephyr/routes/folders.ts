import type { DatasetFolder } from '../../dataset/zephyr-dataset.js';
import { queryChoice } from '../../server/query-parameters.js';
import { pageOf } from '../paged-response.js';
import { parseInteger, stringParameter } from '../query-parameters.js';
import { folderInput, parseBody } from '../request-bodies.js';
import { badRequest, notFound } from '../zephyr-errors.js';
import { checkProjectKey } from './project-access.js';
import type { ZephyrRouteContext } from './route-context.js';

const FOLDER_TYPES = ['TEST_CASE', 'TEST_PLAN', 'TEST_CYCLE'] as const;

/** Three independent trees, served as flat lists: each folder names its `parentId` (null at the root). */
export function registerFolderRoutes({ server, store, represent, maxResultsCap }: ZephyrRouteContext): void {
  server.route('GET', '/folders', (request) => {
    checkProjectKey(store, stringParameter(request.query, 'projectKey'));
    const folderType = queryChoice(request.query, 'folderType', FOLDER_TYPES);
    const folders = folderType
      ? store.folders.filter((folder) => folder.folderType === folderType)
      : store.folders;
    return {
      status: 200,
      body: pageOf(folders, request, maxResultsCap, (folder) => represent.folder(folder)),
    };
  });

  server.route('GET', '/folders/{folderId}', ({ params }) => {
    const id = parseInteger(params.folderId ?? '', 'folderId', 1);
    const folder = store.folder(id);
    if (!folder) throw notFound(`Folder '${id}'`);
    return { status: 200, body: represent.folder(folder) };
  });

  server.route('POST', '/folders', (request) => {
    const input = parseBody(folderInput, request);
    checkProjectKey(store, input.projectKey);
    const parentId = input.parentId ?? null;
    if (parentId !== null) checkParent(store.folder(parentId), parentId, input.folderType);
    const folder = store.createFolder({ parentId, name: input.name, folderType: input.folderType });
    return { status: 201, body: { id: folder.id, self: represent.url(`/folders/${folder.id}`) } };
  });
}

function checkParent(parent: DatasetFolder | undefined, parentId: number, folderType: string): void {
  if (!parent) throw badRequest(`parentId: folder '${parentId}' does not exist`);
  if (parent.folderType !== folderType) {
    throw badRequest(
      `parentId: folder '${parentId}' is a ${parent.folderType} folder, not a ${folderType} one`,
    );
  }
}
