import { badRequest } from '../zephyr-errors.js';
import type { ZephyrStore } from '../zephyr-store.js';

/**
 * Checks a `projectKey` given to a list or a create. The spec leaves the parameter optional on
 * every list (without it the caller sees all projects it can access: here, the one project) and
 * does not say what an unknown key gets. Assumption: the service refuses it as it does on
 * environments, with its UserAccessError "Cannot access projects '<KEY>'" (400), rather than an
 * empty list, which would hide a mistyped key.
 */
export function checkProjectKey(store: ZephyrStore, projectKey: string | undefined): void {
  if (projectKey !== undefined && projectKey !== store.project.key) {
    throw badRequest(`Cannot access projects '${projectKey}'`);
  }
}
