import { ZtoqError } from '../../errors.js';
import type { ResolvedEntity, ResolvedRef } from '../../ports/target.js';
import type { TestCaseData } from './qtest-entities.js';

/**
 * Reading what the engine hands the transport. Bodies and markers are JSON the qTest mapper
 * wrote in the shapes of `qtest-entities.ts`; the engine stores them untyped, so the casts to
 * those shapes live here, in one place, next to the reads of references and ids.
 */

export function bodyOf<T>(entity: ResolvedEntity): T {
  return entity.body as unknown as T;
}

export function markerOf<T>(entity: ResolvedEntity): T {
  return entity.marker as unknown as T;
}

/** The qTest id a reference resolved to, or `undefined` when the entity has no such reference. */
export function refId(entity: ResolvedEntity, name: string): number | undefined {
  const ref = entity.refs[name];
  return ref === undefined ? undefined : qtestId(ref.targetId, `${entityName(entity)} ref "${name}"`);
}

export function requiredRefId(entity: ResolvedEntity, name: string): number {
  const id = refId(entity, name);
  if (id === undefined)
    throw new ZtoqError(`${entityName(entity)} has no "${name}" reference to create it under`);
  return id;
}

/**
 * qTest ids are int64 numbers far below 2^53 in practice (see `qtest-context.ts`); the id map
 * keeps them as strings, as every target's ids are. Anything else there is a corrupt id map.
 */
export function qtestId(targetId: string, what: string): number {
  const id = Number(targetId);
  if (!/^[0-9]+$/.test(targetId) || !Number.isSafeInteger(id)) {
    throw new ZtoqError(`${what}: "${targetId}" is not a qTest id`);
  }
  return id;
}

/** The step ids a created test case keeps in the id map, or `undefined` when they were not kept. */
export function keptStepIds(ref: ResolvedRef | undefined): number[] | undefined {
  const stepIds = (ref?.data as Partial<TestCaseData> | null | undefined)?.stepIds;
  if (!Array.isArray(stepIds) || !stepIds.every((id) => typeof id === 'number')) return undefined;
  return stepIds;
}

export function entityName(entity: Pick<ResolvedEntity, 'type' | 'sourceId'>): string {
  return `qTest ${entity.type} ${entity.sourceId}`;
}
