import { ZtoqError } from '../../errors.js';
import type { CreatedEntity, LoadedEntity } from '../../ports/target.js';
import { executionParent } from './qtest-creators.js';
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
import { bodyOf, entityName, keptStepIds, qtestId, refId, requiredRefId } from './qtest-resolved-entity.js';
import { stepIdsFrom } from './qtest-test-steps.js';
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
  module: async (transport, entity, signal) => {
    await transport.updateModule(idOf(entity), bodyOf<ModuleBody>(entity), refId(entity, 'parent'), signal);
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
    const answeredSteps = updated.test_steps ?? [];
    const answered = answeredSteps.length === body.test_steps.length ? answeredSteps : undefined;
    const data: TestCaseData = { stepIds: await stepIdsFrom(transport, id, answered, signal) };
    return { targetId: entity.targetId, data: { ...data } };
  },

  release: async (transport, entity, signal) => {
    await transport.updateRelease(idOf(entity), bodyOf<ReleaseBody>(entity), signal);
    return { targetId: entity.targetId };
  },

  'test-cycle': async (transport, entity, signal) => {
    const releaseId = refId(entity, 'release');
    const body = bodyOf<TestCycleBody>(entity);
    await transport.updateTestCycle(
      idOf(entity),
      releaseId === undefined ? body : { ...body, target_release_id: releaseId },
      executionParent(entity),
      signal,
    );
    return { targetId: entity.targetId };
  },

  'test-run': async (transport, entity, signal) => {
    const body = bodyOf<TestRunBody>(entity);
    await transport.updateTestRun(
      idOf(entity),
      { ...body, test_case: { id: requiredRefId(entity, 'testCase') } },
      executionParent(entity),
      signal,
    );
    return { targetId: entity.targetId };
  },

  /**
   * An edited Zephyr execution updates its log in place rather than adding a log: Zephyr holds
   * one record per execution, edited where it stands, so one log per execution keeps qTest's
   * history equal to Zephyr's; a second log would read as a second run that never happened.
   * Step results go to the case's current steps (assumption: the spec does not say whether a
   * log may name the steps of a newer version than its run's; the simulator accepts it).
   */
  'test-log': async (transport, entity, signal) => {
    const body = bodyOf<TestLogBody>(entity);
    const kept = keptStepIds(entity.refs.testCase);
    const stepIds =
      kept ??
      (body.test_step_logs.length === 0
        ? []
        : await stepIdsFrom(transport, requiredRefId(entity, 'testCase'), undefined, signal));
    const stepLogs = body.test_step_logs
      .slice(0, stepIds.length)
      .map((stepLog, index) => ({ ...stepLog, test_step_id: stepIds[index] }));
    await transport.updateTestLog(
      requiredRefId(entity, 'run'),
      idOf(entity),
      { ...body, test_step_logs: stepLogs },
      signal,
    );
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
