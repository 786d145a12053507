import { describe, expect, it } from 'vitest';
import { CANONICAL_ENTITY_TYPES } from '../../../src/model/canonical.js';
import {
  expectedEnvironments,
  expectedFolders,
  expectedPriorities,
  expectedStatuses,
  expectedTestCases,
  expectedTestCycles,
  expectedTestExecutions,
  expectedTestPlans,
} from './dataset-expectations.js';
import { simulatedSource } from './simulated-source.js';

/** Whether a value survives JSON unchanged: no undefined anywhere, no class instances. */
function expectPlainJson(value: unknown): void {
  expect(JSON.parse(JSON.stringify(value))).toStrictEqual(value);
}

describe('Zephyr Scale Cloud source against the simulator (tiny data set)', () => {
  it('describes the project with its id and the counts the lists report', async () => {
    const { source, dataset } = await simulatedSource();

    const project = await source.describeProject(dataset.project.key);

    expect(project).toStrictEqual({
      key: dataset.project.key,
      id: String(dataset.project.id),
      estimatedCounts: {
        'test-case': dataset.testCases.count,
        'test-plan': dataset.testPlans.length,
        'test-cycle': dataset.testCycles.length,
        'test-execution': dataset.testExecutions.count,
      },
    });
    expect(source.name).toBe('Zephyr Scale Cloud');
    expect(source.capabilities).toEqual({
      supportsAttachments: false,
      supportsVersions: true,
      supportsCallToTest: true,
    });
  });

  it('reads the folders of all three trees and every status type, field by field', async () => {
    const { entities, dataset } = await simulatedSource();

    const folders = await entities('folder');
    const statuses = await entities('status');

    expect(new Set(folders.map((folder) => folder.kind))).toEqual(
      new Set(['test-case', 'test-plan', 'test-cycle']),
    );
    expect(folders.some((folder) => folder.parentId === null)).toBe(true);
    expect(folders).toStrictEqual(expectedFolders(dataset));
    expect(new Set(statuses.map((status) => status.kind)).size).toBe(4);
    expect(statuses).toStrictEqual(expectedStatuses(dataset));
  });

  it('reads priorities and environments, field by field', async () => {
    const { entities, dataset } = await simulatedSource();

    expect(await entities('priority')).toStrictEqual(expectedPriorities(dataset));
    const environments = await entities('environment');
    expect(environments.some((environment) => environment.archived)).toBe(true);
    expect(environments).toStrictEqual(expectedEnvironments(dataset));
  });

  it('reads test cases with steps, call-to-test steps, scripts, empty cases, versions, links and custom fields', async () => {
    const { entities, dataset } = await simulatedSource();

    const testCases = await entities('test-case');

    // The data set must show every feature, or this comparison would prove less than it claims.
    const contentKinds = new Set(testCases.map((testCase) => testCase.content.kind));
    expect(contentKinds).toEqual(new Set(['steps', 'plain', 'bdd', 'none']));
    const steps = testCases.flatMap((testCase) =>
      testCase.content.kind === 'steps' ? testCase.content.steps : [],
    );
    expect(steps.some((step) => step.kind === 'call' && step.parameters.length > 0)).toBe(true);
    expect(steps.some((step) => step.kind === 'inline' && step.customFields !== undefined)).toBe(true);
    expect(testCases.some((testCase) => testCase.versionCount > 1)).toBe(true);
    expect(testCases.some((testCase) => testCase.links.issues.length > 0)).toBe(true);
    expect(testCases.some((testCase) => testCase.links.webLinks.length > 0)).toBe(true);
    expect(
      testCases.some((testCase) =>
        Object.values(testCase.customFields).some((value) => Array.isArray(value)),
      ),
    ).toBe(true);

    expect(testCases).toStrictEqual(expectedTestCases(dataset));
    expectPlainJson(testCases);
  });

  it('reads plans with their cycle ids and cycles with their plan ids', async () => {
    const { entities, dataset } = await simulatedSource();

    const plans = await entities('test-plan');
    const cycles = await entities('test-cycle');

    expect(cycles.some((cycle) => cycle.testPlanIds.length > 0)).toBe(true);
    expect(plans.some((plan) => plan.testCycleIds.length > 0)).toBe(true);
    expect(plans).toStrictEqual(expectedTestPlans(dataset));
    expect(cycles).toStrictEqual(expectedTestCycles(dataset));
    expectPlainJson([plans, cycles]);
  });

  it('reads every execution with its case key and version, and step results of those that ran', async () => {
    const { entities, dataset, simulator } = await simulatedSource();

    const executions = await entities('test-execution');

    expect(executions.some((execution) => execution.testCycleId === undefined)).toBe(true);
    expect(executions.some((execution) => execution.actualEndDate === undefined)).toBe(true);
    expect(executions.some((execution) => execution.testCaseVersion > 1)).toBe(true);
    expect(executions).toStrictEqual(expectedTestExecutions(dataset));
    expectPlainJson(executions);
    // Step results are read for executions that ran, and only for those.
    const ran = executions.filter((execution) => execution.actualEndDate !== undefined).length;
    expect(simulator.requestCounts()['GET /testexecutions/{testExecutionIdOrKey}/teststeps']).toBe(ran);
  });

  it('reads each stream in one page per server page, with one request per case for content and one for versions', async () => {
    const { pages, simulator, dataset } = await simulatedSource();

    for (const type of CANONICAL_ENTITY_TYPES) {
      const read = await pages(type);
      expect(read.at(-1)?.checkpoint, type).toEqual({ done: true });
    }
    const counts = simulator.requestCounts();
    expect(counts['GET /testcases/{testCaseKey}/versions']).toBe(dataset.testCases.count);
    // Links come embedded in the lists: none are read one by one.
    expect(counts['GET /testcases/{testCaseKey}/links']).toBeUndefined();
    expect(counts['GET /testcycles/{testCycleIdOrKey}/links']).toBeUndefined();
    expect(counts['GET /testexecutions/{testExecutionIdOrKey}/links']).toBeUndefined();
  });
});
