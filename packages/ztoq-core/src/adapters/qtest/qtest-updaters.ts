import { ZtoqError } from '../../errors.js';
import type { CreatedEntity, LoadedEntity } from '../../ports/target.js';
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
import { bodyOf, entityName, qtestId, refId, requiredRefId } from './qtest-resolved-entity.js';
import { writtenStepIds } from './qtest-test-steps.js';
import type { QTestTransport } from './qtest-transport.js';

type Updater = (
  transport: QTestTransport,
  entity: LoadedEntity,
  signal?: AbortSignal,
) => Promise<CreatedEntity>;

/**
 * One PUT per changed entity, with the whole planned body (qTest's updates replace what they are
 * given), the references resolved as on create so a moved folder or cycle lands under its new
 * parent. The entity keeps its qTest id; a test case gets a new version with new step ids,
 * which later logs need, so they are read back like on create.
 */
const UPDATERS: Record<QTestEntityType, Updater> = {
  /**
   * qTest's updateModule either moves (with `parentId`, the body unread) or rewrites the body
   * (API-NOTES B.4); the module is read first so that only what differs is sent.
   */
  module: async (transport, entity, signal) => {
    const id = idOf(entity);
    const body = bodyOf<ModuleBody>(entity);
    const parentId = refId(entity, 'parent');
    const held = await transport.getModule(id, signal);
    if (held === undefined) throw new ZtoqError(`${entityName(entity)}: module ${id} is gone from qTest`);
    if ((held.parent_id ?? undefined) !== parentId && !(parentId === undefined && held.parent_id === 0)) {
      await transport.updateModule(id, body, parentId ?? 0, signal);
    }
    if (held.name !== body.name || (held.description ?? '') !== (body.description ?? '')) {
      await transport.updateModule(id, body, undefined, signal);
    }
    return { targetId: entity.targetId };
  },

  'test-case': async (transport, entity, signal) => {
    const parentId = refId(entity, 'parent');
    const body = bodyOf<TestCaseBody>(entity);
    const id = idOf(entity);
    const updated = await transport.updateTestCase(
      id,
      parentId === undefined ? body : { ...body, parent_id: parentId },
      signal,
    );
    const data: TestCaseData = {
      stepIds: await writtenStepIds(transport, id, updated, body.test_steps.length, signal),
    };
    return { targetId: entity.targetId, data: { ...data } };
  },

  release: async (transport, entity, signal) => {
    await transport.updateRelease(idOf(entity), bodyOf<ReleaseBody>(entity), signal);
    return { targetId: entity.targetId };
  },

  'test-cycle': async (transport, entity, signal) => {
    const releaseId = refId(entity, 'release');
    const body = bodyOf<TestCycleBody>(entity);
    // Without a parent in the query updateCycle rewrites the body; moving a cycle to another
    // parent is a second, body-less call that a rename does not need (not sent: cycles come
    // from Zephyr's cycle folders, whose moves this version does not carry).
    await transport.updateTestCycle(
      idOf(entity),
      releaseId === undefined ? body : { ...body, target_release_id: releaseId },
      undefined,
      signal,
    );
    return { targetId: entity.targetId };
  },

  'test-run': async (transport, entity, signal) => {
    const body = bodyOf<TestRunBody>(entity);
    // A run never moves: its source id names its cycle, so another cycle plans another run.
    await transport.updateTestRun(
      idOf(entity),
      { ...body, test_case: { id: requiredRefId(entity, 'testCase') } },
      undefined,
      signal,
    );
    return { targetId: entity.targetId };
  },

  /**
   * An edited Zephyr execution updates its log in place rather than adding a log: Zephyr holds
   * one record per execution, edited where it stands, so one log per execution keeps qTest's
   * history equal to Zephyr's; a second log would read as a second run that never happened.
   * Step results stay on the steps the log was created with (read back from the log): the case
   * may have a newer version since, with other step ids, and modifyTestLog keeps a log's steps.
   */
  'test-log': async (transport, entity, signal) => {
    const body = bodyOf<TestLogBody>(entity);
    const runId = requiredRefId(entity, 'run');
    const held = await transport.getTestLog(runId, idOf(entity), signal);
    if (held === undefined)
      throw new ZtoqError(`${entityName(entity)}: test log ${entity.targetId} is gone from qTest`);
    const stepIds = (held.test_step_logs ?? []).flatMap((stepLog) =>
      typeof stepLog.test_step_id === 'number' ? [stepLog.test_step_id] : [],
    );
    const stepLogs = body.test_step_logs
      .slice(0, stepIds.length)
      .map((stepLog, index) => ({ ...stepLog, test_step_id: stepIds[index] }));
    await transport.updateTestLog(runId, idOf(entity), { ...body, test_step_logs: stepLogs }, signal);
    return { targetId: entity.targetId };
  },
};

export function updateQTestEntity(
  transport: QTestTransport,
  entity: LoadedEntity,
  signal?: AbortSignal,
): Promise<CreatedEntity> {
  const updater = (UPDATERS as Record<string, Updater | undefined>)[entity.type];
  if (updater === undefined)
    throw new ZtoqError(`${entityName(entity)}: qTest has no entity type "${entity.type}"`);
  return updater(transport, entity, signal);
}

function idOf(entity: LoadedEntity): number {
  return qtestId(entity.targetId, entityName(entity));
}
