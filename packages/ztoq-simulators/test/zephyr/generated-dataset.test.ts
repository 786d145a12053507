import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZephyrDataset } from '../../src/dataset/zephyr-dataset.js';
import { generateDataset } from '../../src/generator/index.js';
import { loadVendorSpec, type VendorSpec } from '../support/vendor-spec.js';
import { closeZephyrSimulators, type RunningZephyr, startZephyr } from './harness.js';
import { withoutKnownSpecDefects } from './known-spec-defects.js';

/**
 * The generator's data served as a whole: every list page and every entity a full export reads
 * must pass the spec's schemas, and say what the data set holds.
 */

let spec: VendorSpec;
let dataset: ZephyrDataset;
let zephyr: RunningZephyr;

beforeAll(async () => {
  spec = await loadVendorSpec('zephyr');
  dataset = generateDataset({ seed: 1, size: 'tiny' });
  zephyr = await startZephyr({ dataset });
});
afterAll(closeZephyrSimulators);

type Json = Record<string, unknown>;

/** GETs a path and checks the answer against the spec's schema for the operation's 200. */
async function conforming(template: string, path: string, query: Record<string, string> = {}): Promise<Json> {
  const answer = await zephyr.call(path, { query });
  expect(answer.status, `${path}: ${JSON.stringify(answer.body)}`).toBe(200);
  expect(
    withoutKnownSpecDefects(spec.checkResponse('GET', template, 200, answer.body), answer.body),
    path,
  ).toEqual([]);
  return answer.body as Json;
}

async function everyValue(template: string): Promise<Json[]> {
  const page = await conforming(template, template, { maxResults: '1000' });
  expect(page.isLast).toBe(true);
  return page.values as Json[];
}

describe('Zephyr simulator serving generateDataset({ seed: 1, size: "tiny" })', () => {
  it('serves every list in the spec shapes, with what the data set holds', async () => {
    expect((await everyValue('/folders')).map((folder) => folder.id)).toEqual(
      dataset.folders.map((folder) => folder.id),
    );
    expect(await everyValue('/statuses')).toHaveLength(dataset.statuses.length);
    expect(await everyValue('/priorities')).toHaveLength(dataset.priorities.length);
    expect(await everyValue('/environments')).toHaveLength(dataset.environments.length);
    expect(await everyValue('/testcycles')).toHaveLength(dataset.testCycles.length);
    expect(await everyValue('/testplans')).toHaveLength(dataset.testPlans.length);
    expect((await everyValue('/testcases')).map((testCase) => testCase.key)).toEqual(
      Array.from({ length: dataset.testCases.count }, (_, index) => dataset.testCases.at(index).key),
    );
  });

  it('serves every test case with its versions and its steps or script in the spec shapes', async () => {
    for (let index = 0; index < dataset.testCases.count; index++) {
      const facts = dataset.testCases.at(index);
      const testCase = await conforming('/testcases/{testCaseKey}', `/testcases/${facts.key}`);
      const versions = await conforming(
        '/testcases/{testCaseKey}/versions',
        `/testcases/${facts.key}/versions`,
      );
      expect(versions.values).toHaveLength(facts.version);
      const { content } = facts;
      if (content.kind === 'plain' || content.kind === 'bdd') {
        expect((testCase.testScript as Json).self).toMatch(/\/testscript$/);
        const script = await conforming(
          '/testcases/{testCaseKey}/testscript',
          `/testcases/${facts.key}/testscript`,
        );
        expect(script).toEqual({ id: content.scriptId, type: content.kind, text: content.text });
      } else {
        const steps = await conforming(
          '/testcases/{testCaseKey}/teststeps',
          `/testcases/${facts.key}/teststeps`,
          {
            maxResults: '100',
          },
        );
        expect(steps.total).toBe(content.kind === 'steps' ? content.steps.length : 0);
      }
    }
  });

  it('serves every execution with the case key and version of the data set in testCase.self', async () => {
    const executions = await everyValue('/testexecutions');
    expect(executions).toHaveLength(dataset.testExecutions.count);
    for (const [index, execution] of executions.entries()) {
      const facts = dataset.testExecutions.at(index);
      expect((execution.testCase as Json).self).toBe(
        `${zephyr.baseUrl}/testcases/${facts.testCaseKey}/versions/${facts.testCaseVersion}`,
      );
      const steps = await conforming(
        '/testexecutions/{testExecutionIdOrKey}/teststeps',
        `/testexecutions/${facts.key}/teststeps`,
        { maxResults: '1000' },
      );
      expect(steps.values).toHaveLength(facts.stepResults.length);
      await conforming('/testexecutions/{testExecutionIdOrKey}/links', `/testexecutions/${facts.id}/links`);
    }
  });
});
