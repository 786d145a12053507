import { SimHttpError, type SimRequest, type SimulatorServer } from '../../server/simulator-server.js';
import {
  ATTACHMENT_OBJECT_TYPES,
  type AttachmentObjectType,
  type ProjectState,
  type QTestStore,
  type StoredUser,
} from '../qtest-store.js';
import { ProjectResources } from '../resources.js';
import { callerOf, pathId, projectOf } from './route-support.js';

/**
 * Attachments: the blob-handle upload, whose body is the file's raw bytes (not multipart) with
 * `File-Name` and `Content-Type` headers, and the list per object (API-NOTES B.11). The spec
 * answers 413 for a file that is too large but states no limit, so the simulator never does.
 */
export function registerAttachmentRoutes(server: SimulatorServer, store: QTestStore): void {
  const base = '/api/v3/projects/{projectId}/{objectType}/{objectId}';

  server.route('POST', `${base}/blob-handles`, (request) => {
    const project = projectOf(store, request);
    const caller = callerOf(store, request);
    const { objectType, objectId } = attachedObject(project, request);
    const fileName = request.headers['file-name'];
    if (typeof fileName !== 'string' || fileName.trim() === '') {
      throw new SimHttpError(400, 'The File-Name header is required');
    }
    const contentType = request.headers['content-type'];
    if (contentType === undefined || contentType.trim() === '') {
      throw new SimHttpError(400, "The Content-Type header (the file's MIME type) is required");
    }
    if (/^multipart\//i.test(contentType)) {
      throw new SimHttpError(400, "The body is the file's raw bytes, not a multipart form");
    }
    const attachment = store.addAttachment(project, {
      objectType,
      objectId,
      // Headers carry Latin-1; the spec does not say how other names are encoded, so the
      // simulator keeps the header value as sent.
      name: fileName,
      contentType,
      data: request.body,
      authorId: caller.id,
    });
    return {
      status: 201,
      body: new ProjectResources(store, project, request.url.origin).attachment(attachment),
    };
  });

  server.route('GET', `${base}/attachments`, (request) => {
    const project = projectOf(store, request);
    const { objectType, objectId } = attachedObject(project, request);
    const resources = new ProjectResources(store, project, request.url.origin);
    return {
      status: 200,
      body: resources
        .attachmentsOf(objectType, objectId)
        .map((attachment) => resources.attachment(attachment)),
    };
  });
}

/** Stores the `{name, content_type, data}` attachments a create body carries inline. */
export function storeInlineAttachments(
  store: QTestStore,
  project: ProjectState,
  author: StoredUser,
  objectType: AttachmentObjectType,
  objectId: number,
  attachments: readonly { name: string; content_type: string; data: string }[] | undefined,
): void {
  for (const attachment of attachments ?? []) {
    store.addAttachment(project, {
      objectType,
      objectId,
      name: attachment.name,
      contentType: attachment.content_type,
      data: Buffer.from(attachment.data, 'base64'),
      authorId: author.id,
    });
  }
}

function attachedObject(
  project: ProjectState,
  request: SimRequest,
): { objectType: AttachmentObjectType; objectId: number } {
  const objectType = request.params.objectType ?? '';
  if (!(ATTACHMENT_OBJECT_TYPES as readonly string[]).includes(objectType)) {
    throw new SimHttpError(
      400,
      `${objectType} take no attachments; objectType must be one of ${ATTACHMENT_OBJECT_TYPES.join(', ')}`,
    );
  }
  const objectId = pathId(request, 'objectId');
  const type = objectType as AttachmentObjectType;
  if (objectId === undefined || !objectExists(project, type, objectId)) {
    throw new SimHttpError(404, `No ${objectType} object ${request.params.objectId} in this project`);
  }
  return { objectType: type, objectId };
}

function objectExists(project: ProjectState, objectType: AttachmentObjectType, objectId: number): boolean {
  switch (objectType) {
    case 'releases':
      return project.releases.has(objectId);
    case 'requirements':
      return project.requirements.has(objectId);
    case 'test-cases':
      return project.testCases.has(objectId);
    case 'test-logs':
      return project.testLogs.has(objectId);
    case 'test-steps':
      return project.findTestStep(objectId) !== undefined;
    case 'test-step-logs':
      return project.findTestStepLog(objectId) !== undefined;
    // The simulator keeps no builds or defects, so nothing can be attached to one.
    case 'builds':
    case 'defects':
      return false;
  }
}
