import { describe, expect, it } from 'vitest';
import { CANONICAL_ENTITY_TYPES } from '../../../src/model/canonical.js';
import {
  expectedEnvironments,
  expectedFolders,
  expectedStatuses,
  expectedTestCases,
  expectedTestCycles,
  expectedTestExecutions,
} from './dataset-expectations.js';
import { simulatedSource } from './simulated-source.js';

/** Below the 1000 the source asks for, and below the size of most lists in the tiny data set. */
const CAP = 7;

describe('Zephyr Scale Cloud source paging and resuming', () => {
  it('follows a server that serves at most 7 items per page, losing and repeating nothing', async () => {
    const { entities, pages, dataset } = await simulatedSource({ maxResultsCap: CAP });

    expect(await entities('folder')).toStrictEqual(expectedFolders(dataset));
    expect(await entities('status')).toStrictEqual(expectedStatuses(dataset));
    expect(await entities('environment')).toStrictEqual(expectedEnvironments(dataset));
    expect(await entities('test-cycle')).toStrictEqual(expectedTestCycles(dataset));
    // Steps and step results page too: some cases have more than 7 steps.
    const testCases = await entities('test-case');
    expect(
      testCases.some((testCase) => testCase.content.kind === 'steps' && testCase.content.steps.length > CAP),
    ).toBe(true);
    expect(testCases).toStrictEqual(expectedTestCases(dataset));
    const executionPages = await pages('test-execution');
    expect(executionPages.map((page) => page.entities.length)).toEqual([7, 7, 6]);
    expect(executionPages.flatMap((page) => page.entities)).toStrictEqual(expectedTestExecutions(dataset));
  });

  it('continues after any page from that page checkpoint with exactly the rest, in every stream', async () => {
    // One item per page, so that every stream (the tiny data set has two plans) spans pages.
    const { pages } = await simulatedSource({ maxResultsCap: 1 });

    for (const type of CANONICAL_ENTITY_TYPES) {
      const whole = await pages(type);
      expect(whole.length, type).toBeGreaterThan(1);
      for (let k = 0; k < whole.length; k++) {
        const resumed = await pages(type, { checkpoint: whole[k]?.checkpoint });
        expect(resumed, `${type} after page ${k + 1}`).toStrictEqual(whole.slice(k + 1));
      }
    }
  });

  it('reads only the first `limit` test cases, and a checkpoint inside the limit resumes to it', async () => {
    const { pages, dataset } = await simulatedSource({ maxResultsCap: CAP });
    const firstNine = expectedTestCases(dataset).slice(0, 9);

    const limited = await pages('test-case', { limit: 9 });

    expect(limited.map((page) => page.entities.length)).toEqual([7, 2]);
    expect(limited.flatMap((page) => page.entities)).toStrictEqual(firstNine);
    expect(limited.at(-1)?.checkpoint).toEqual({ done: true });
    expect(await pages('test-case', { limit: 9, checkpoint: limited[0]?.checkpoint })).toStrictEqual(
      limited.slice(1),
    );
    expect(await pages('test-case', { limit: 9, checkpoint: limited[1]?.checkpoint })).toEqual([]);
    expect(await pages('test-case', { limit: 0 })).toEqual([]);
  });

  it('asks for no more test cases than the limit', async () => {
    const { pages, simulator, dataset } = await simulatedSource();

    const limited = await pages('test-case', { limit: 3 });

    expect(limited.flatMap((page) => page.entities)).toStrictEqual(expectedTestCases(dataset).slice(0, 3));
    expect(simulator.requestCounts()['GET /testcases/{testCaseKey}/versions']).toBe(3);
  });

  it("reads only the given test cases' executions, key by key, and resumes within any key", async () => {
    const { pages, dataset } = await simulatedSource({ maxResultsCap: 2 });
    const keys = ['DEMO-T3', 'DEMO-T1', 'DEMO-T3'].map((key) => key.replace('DEMO', dataset.project.key));
    const expected = expectedTestExecutions(dataset, ['DEMO-T3', 'DEMO-T1']);
    expect(expected.length).toBeGreaterThan(2);

    const whole = await pages('test-execution', { testCaseKeys: keys });

    expect(whole.flatMap((page) => page.entities)).toStrictEqual(expected);
    expect(whole.some((page) => JSON.stringify(page.checkpoint).includes('DEMO-T1'))).toBe(true);
    for (let k = 0; k < whole.length; k++) {
      const resumed = await pages('test-execution', { testCaseKeys: keys, checkpoint: whole[k]?.checkpoint });
      expect(resumed, `after page ${k + 1}`).toStrictEqual(whole.slice(k + 1));
    }
    expect(await pages('test-execution', { testCaseKeys: [] })).toEqual([]);
  });

  it('refuses a checkpoint it did not write', async () => {
    const { pages } = await simulatedSource();

    await expect(pages('folder', { checkpoint: { segment: 'NOT_A_TYPE', startAt: 0 } })).rejects.toThrow(
      /checkpoint of the Zephyr folder stream/,
    );
    await expect(pages('test-execution', { checkpoint: { segment: 'all', startAt: -1 } })).rejects.toThrow(
      /cannot be resumed/,
    );
  });
});
