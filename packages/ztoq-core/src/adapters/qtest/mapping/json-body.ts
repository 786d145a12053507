import type { JsonObject } from '../../../ports/state-store.js';

/**
 * The entity shapes of `qtest-entities.ts` are interfaces, which TypeScript does not treat as
 * index-signature objects, yet they hold JSON values only. This is the one place that says so.
 */
export function asJson<T extends object>(value: T): JsonObject {
  return value as unknown as JsonObject;
}
