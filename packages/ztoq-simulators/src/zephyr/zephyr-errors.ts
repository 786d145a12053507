import type { zephyrApi } from '@ztoq/core';
import { SimHttpError } from '../server/simulator-server.js';

type ZephyrError = zephyrApi.components['schemas']['Error'];

/** The spec's `Error` body, which every Zephyr error answer carries. */
export function zephyrErrorBody(status: number, message: string): ZephyrError {
  return { errorCode: status, message };
}

/**
 * A 404 worded like the spec's typed `…NotFoundOrUserAccessError`s ("Status '1' does not exist
 * or you do not have access to it"): the service does not tell a missing entity from a hidden one.
 */
export function notFound(entity: string): SimHttpError {
  return new SimHttpError(404, `${entity} does not exist or you do not have access to it`);
}

export function badRequest(message: string): SimHttpError {
  return new SimHttpError(400, message);
}
