import { ZtoqError } from '../../errors.js';
import type { LoadedEntity, Verification } from '../../ports/target.js';
import { Differences } from './qtest-differences.js';
import type {
  ModuleBody,
  QTestEntityType,
  ReleaseBody,
  TestCaseBody,
  TestCycleBody,
  TestLogBody,
  TestRunBody,
} from './qtest-entities.js';
import { runTestCaseId } from './qtest-finders.js';
import { bodyOf, entityName, keptStepIds, qtestId, refId, requiredRefId } from './qtest-resolved-entity.js';
import type { QTestTransport } from './qtest-transport.js';

type Verifier = (
  transport: QTestTransport,
  entity: LoadedEntity,
  signal?: AbortSignal,
) => Promise<Verification>;

const MISSING: Verification = { exists: false, differences: ['not found in qTest'] };

/**
 * Reading a loaded entity back (one GET each) and comparing it with its plan. Only what ztoq
 * sent is compared, exactly as sent: qTest adds defaults for fields the plan left out, and
 * those are not differences. Text is compared as is; should a qTest version rewrite rich text
 * (the spec does not say it does), those rewrites show up here as differences.
 */
const VERIFIERS: Record<QTestEntityType, Verifier> = {
  module: async (transport, entity, signal) => {
    const module = await transport.getModule(ownId(entity), signal);
    if (module === undefined) return MISSING;
    const differences = new Differences();
    differences.text('name', bodyOf<ModuleBody>(entity).name, module.name);
    // A top-level module answers no parent, or 0 on versions that spell root that way.
    differences.value('parent module', refId(entity, 'parent') ?? 0, module.parent_id ?? 0);
    return { exists: true, differences: differences.lines };
  },

  'test-case': async (transport, entity, signal) => {
    const testCase = await transport.getTestCase(ownId(entity), signal);
    if (testCase === undefined) return MISSING;
    const body = bodyOf<TestCaseBody>(entity);
    const differences = new Differences();
    differences.text('name', body.name, testCase.name);
    differences.text('description', body.description, testCase.description);
    differences.text('precondition', body.precondition, testCase.precondition);
    differences.properties(body.properties, testCase.properties);
    const planned = [...body.test_steps].sort((a, b) => a.order - b.order);
    const steps = [...(testCase.test_steps ?? [])].sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
    differences.value('step count', planned.length, steps.length);
    planned.forEach((step, index) => {
      const actual = steps[index];
      if (actual === undefined) return;
      differences.text(`step ${index + 1} description`, step.description, actual.description);
      differences.text(`step ${index + 1} expected result`, step.expected, actual.expected);
    });
    return { exists: true, differences: differences.lines };
  },

  release: async (transport, entity, signal) => {
    const release = await transport.getRelease(ownId(entity), signal);
    if (release === undefined) return MISSING;
    const body = bodyOf<ReleaseBody>(entity);
    const differences = new Differences();
    differences.text('name', body.name, release.name);
    // The `Zephyr Key` property is what `find` relies on: worth the comparison it costs nothing.
    differences.properties(body.properties, release.properties);
    return { exists: true, differences: differences.lines };
  },

  'test-cycle': async (transport, entity, signal) => {
    const cycle = await transport.getTestCycle(ownId(entity), signal);
    if (cycle === undefined) return MISSING;
    const differences = new Differences();
    differences.text('name', bodyOf<TestCycleBody>(entity).name, cycle.name);
    // The cycle resource does not name its parent, so the place in the tree is not checked.
    const releaseId = refId(entity, 'release');
    if (releaseId !== undefined) differences.value('target release', releaseId, cycle.target_release_id);
    return { exists: true, differences: differences.lines };
  },

  'test-run': async (transport, entity, signal) => {
    const run = await transport.getTestRun(ownId(entity), signal);
    if (run === undefined) return MISSING;
    const differences = new Differences();
    differences.value('test case', requiredRefId(entity, 'testCase'), runTestCaseId(run));
    // The planned properties hold the environment when the run has one.
    differences.properties(bodyOf<TestRunBody>(entity).properties, run.properties);
    const plannedLogs = entity.expectedChildren?.['test-log'];
    if (plannedLogs !== undefined) {
      // One list request per run: a log too many (a duplicate) or too few shows up here.
      const logs = await transport.listTestLogs(ownId(entity), signal);
      differences.value('test log count', plannedLogs, logs.length);
    }
    return { exists: true, differences: differences.lines };
  },

  'test-log': async (transport, entity, signal) => {
    const log = await transport.getTestLog(requiredRefId(entity, 'run'), ownId(entity), signal);
    if (log === undefined) return MISSING;
    const body = bodyOf<TestLogBody>(entity);
    const differences = new Differences();
    differences.value('status', body.status.id, log.status?.id);
    // Create dropped the results of steps the test case does not have; so does the plan here.
    const stepCount = keptStepIds(entity.refs.testCase)?.length ?? body.test_step_logs.length;
    const planned = body.test_step_logs.slice(0, stepCount);
    const stepLogs = [...(log.test_step_logs ?? [])].sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
    differences.value('step result count', planned.length, stepLogs.length);
    planned.forEach((stepLog, index) => {
      const actual = stepLogs[index];
      if (actual !== undefined)
        differences.value(`step ${index + 1} status`, stepLog.status.id, actual.status?.id);
    });
    const status = log.status?.name ?? (log.status?.id === undefined ? undefined : String(log.status.id));
    return {
      exists: true,
      differences: differences.lines,
      ...(status === undefined ? {} : { facts: { status } }),
    };
  },
};

export function verifyQTestEntity(
  transport: QTestTransport,
  entity: LoadedEntity,
  signal?: AbortSignal,
): Promise<Verification> {
  const verifier = (VERIFIERS as Record<string, Verifier | undefined>)[entity.type];
  if (verifier === undefined)
    throw new ZtoqError(`${entityName(entity)}: qTest has no entity type "${entity.type}"`);
  return verifier(transport, entity, signal);
}

function ownId(entity: LoadedEntity): number {
  return qtestId(entity.targetId, entityName(entity));
}
