import { ZtoqError } from '../../errors.js';
import type { CreatedEntity, ResolvedEntity } from '../../ports/target.js';
import type {
  ModuleBody,
  QTestEntityType,
  ReleaseBody,
  TestCaseBody,
  TestCaseData,
  TestCycleBody,
  TestLogBody,
  TestRunBody,
} from './qtest-entities.js';
import { bodyOf, entityName, keptStepIds, refId, requiredRefId } from './qtest-resolved-entity.js';
import { stepIdsFrom, writtenStepIds } from './qtest-test-steps.js';
import { EXECUTION_ROOT, type QTestExecutionParent, type QTestTransport } from './qtest-transport.js';

type Creator = (
  transport: QTestTransport,
  entity: ResolvedEntity,
  signal?: AbortSignal,
) => Promise<CreatedEntity>;

/**
 * One POST per entity (plus a read of the steps when an answer leaves them out): the plan's
 * body as the mapper wrote it, with the ids its references resolved to filled in. Errors are
 * thrown as the transport raised them; `classifyWriteFailure` tells a refusal from a doubt.
 */
const CREATORS: Record<QTestEntityType, Creator> = {
  module: async (transport, entity, signal) => {
    const created = await transport.createModule(bodyOf<ModuleBody>(entity), refId(entity, 'parent'), signal);
    return { targetId: String(idOf(created, entity)) };
  },

  'test-case': async (transport, entity, signal) => {
    const parentId = refId(entity, 'parent');
    const body = bodyOf<TestCaseBody>(entity);
    const created = await transport.createTestCase(
      parentId === undefined ? body : { ...body, parent_id: parentId },
      signal,
    );
    const id = idOf(created, entity);
    const data: TestCaseData = {
      stepIds: await writtenStepIds(transport, id, created, body.test_steps.length, signal),
    };
    return { targetId: String(id), data: { ...data } };
  },

  release: async (transport, entity, signal) => {
    const created = await transport.createRelease(bodyOf<ReleaseBody>(entity), signal);
    return { targetId: String(idOf(created, entity)) };
  },

  'test-cycle': async (transport, entity, signal) => {
    const releaseId = refId(entity, 'release');
    const body = bodyOf<TestCycleBody>(entity);
    const created = await transport.createTestCycle(
      releaseId === undefined ? body : { ...body, target_release_id: releaseId },
      executionParent(entity),
      signal,
    );
    return { targetId: String(idOf(created, entity)) };
  },

  'test-run': async (transport, entity, signal) => {
    const body = bodyOf<TestRunBody>(entity);
    const created = await transport.createTestRun(
      { ...body, test_case: { id: requiredRefId(entity, 'testCase') } },
      executionParent(entity),
      signal,
    );
    return { targetId: String(idOf(created, entity)) };
  },

  'test-log': async (transport, entity, signal) => {
    const body = bodyOf<TestLogBody>(entity);
    const stepIds = await logStepIds(transport, entity, body, signal);
    // A result for a step the case does not have would be refused; the case is what qTest has.
    const stepLogs = body.test_step_logs
      .slice(0, stepIds.length)
      .map((stepLog, index) => ({ ...stepLog, test_step_id: stepIds[index] }));
    const created = await transport.createTestLog(
      requiredRefId(entity, 'run'),
      { ...body, test_step_logs: stepLogs },
      signal,
    );
    return { targetId: String(idOf(created, entity)) };
  },
};

export function createQTestEntity(
  transport: QTestTransport,
  entity: ResolvedEntity,
  signal?: AbortSignal,
): Promise<CreatedEntity> {
  return creatorFor(entity)(transport, entity, signal);
}

function creatorFor(entity: ResolvedEntity): Creator {
  const creator = (CREATORS as Record<string, Creator | undefined>)[entity.type];
  if (creator === undefined)
    throw new ZtoqError(`${entityName(entity)}: qTest has no entity type "${entity.type}"`);
  return creator;
}

/** A cycle or run under its parent cycle, or at the top of the execution tree without one. */
export function executionParent(entity: ResolvedEntity): QTestExecutionParent {
  const parentId = refId(entity, 'parent');
  return parentId === undefined ? EXECUTION_ROOT : { type: 'test-cycle', id: parentId };
}

/**
 * The test case's step ids, as its creation kept them in the id map. An id map written
 * without them (or a case created by an older ztoq) costs one read, and only when the log has
 * step results to place.
 */
async function logStepIds(
  transport: QTestTransport,
  entity: ResolvedEntity,
  body: TestLogBody,
  signal: AbortSignal | undefined,
): Promise<number[]> {
  const kept = keptStepIds(entity.refs.testCase);
  if (kept !== undefined || body.test_step_logs.length === 0) return kept ?? [];
  return stepIdsFrom(transport, requiredRefId(entity, 'testCase'), undefined, signal);
}

function idOf(created: { id?: number }, entity: ResolvedEntity): number {
  if (created.id === undefined)
    throw new ZtoqError(`${entityName(entity)}: qTest confirmed the create without an id`);
  return created.id;
}
