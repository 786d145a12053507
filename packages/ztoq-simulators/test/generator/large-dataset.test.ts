import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { DATASET_SIZES, generateDataset } from '../../src/generator/index.js';
import { expectedStepTexts } from './dataset-scan.js';

/** Indexes spread over the whole range, from a fixed little LCG so the test is repeatable. */
function sampleIndexes(count: number, samples: number, start = 12_345): number[] {
  let state = start;
  return Array.from({ length: samples }, () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state % count;
  });
}

describe('the large data set', () => {
  const large = generateDataset({ seed: 2025, size: 'large' });

  it('has exactly 20,000 test cases and 200,000 executions, and the documented small collections', () => {
    expect(DATASET_SIZES.large.testCases).toBe(20_000);
    expect(DATASET_SIZES.large.executions).toBe(200_000);
    expect(large.testCases.count).toBe(20_000);
    expect(large.testExecutions.count).toBe(200_000);
    expect(large.testCycles).toHaveLength(DATASET_SIZES.large.testCycles);
    expect(large.testPlans).toHaveLength(DATASET_SIZES.large.testPlans);
    expect(large.users).toHaveLength(DATASET_SIZES.large.users);
    const { testCaseFolders, testCycleFolders, testPlanFolders } = DATASET_SIZES.large;
    expect(large.folders).toHaveLength(testCaseFolders + testCycleFolders + testPlanFolders);
    expect(large.testCases.at(19_999).key).toBe('DEMO-T20000');
    expect(large.testExecutions.at(199_999).key).toBe('DEMO-E200000');
  });

  it('refuses indexes outside the lists', () => {
    expect(() => large.testCases.at(20_000)).toThrow(RangeError);
    expect(() => large.testExecutions.at(-1)).toThrow(RangeError);
    expect(() => large.testExecutions.at(1.5)).toThrow(RangeError);
  });

  it('finds test cases by key and their versions as at() builds them', () => {
    for (const index of sampleIndexes(20_000, 200)) {
      const testCase = large.testCases.at(index);
      expect(large.testCaseIndex(testCase.key)).toBe(index);
      expect(large.testCaseVersion(testCase.key, testCase.version)).toEqual(testCase);
      expect(large.testCaseVersion(testCase.key, testCase.version + 1)).toBeUndefined();
      expect(large.testCaseVersion(testCase.key, 0)).toBeUndefined();
      for (let version = 1; version < testCase.version; version++) {
        expect(large.testCaseVersion(testCase.key, version)?.version).toBe(version);
      }
    }
    expect(large.testCaseIndex('DEMO-T20001')).toBeUndefined();
    expect(large.testCaseIndex('DEMO-T01')).toBeUndefined();
    expect(large.testCaseIndex('OTHER-T1')).toBeUndefined();
  });

  it('lists the executions of a test case exactly as their testCaseKey says', () => {
    for (const index of sampleIndexes(200_000, 200, 99)) {
      const execution = large.testExecutions.at(index);
      const ofCase = large.executionsOfTestCase(execution.testCaseKey);
      expect(ofCase).toContain(index);
      expect(ofCase).toEqual([...ofCase].sort((a, b) => a - b));
      for (const other of ofCase.slice(0, 20)) {
        expect(large.testExecutions.at(other).testCaseKey).toBe(execution.testCaseKey);
      }
    }
  });

  it('lists the executions of every cycle in contiguous ascending ranges that, with the ad-hoc ones, cover all', () => {
    let listed = 0;
    for (const cycle of large.testCycles) {
      const ofCycle = large.executionsOfCycle(cycle.id);
      listed += ofCycle.length;
      expect(ofCycle).toEqual(ofCycle.map((_, offset) => (ofCycle[0] ?? 0) + offset));
      for (const index of [ofCycle[0], ofCycle.at(-1)]) {
        if (index !== undefined) expect(large.testExecutions.at(index).testCycleId).toBe(cycle.id);
      }
    }
    const adHoc = large.testExecutions.count - listed;
    expect(adHoc).toBe(DATASET_SIZES.large.adHocExecutions);
    expect(large.testExecutions.at(listed).testCycleId).toBeUndefined();
    expect(large.testExecutions.at(listed - 1).testCycleId).toBeDefined();
    expect(large.executionsOfCycle(12)).toEqual([]);
  });

  it('gives sampled executions one step result per executed step of the version they ran', () => {
    for (const index of sampleIndexes(200_000, 100, 7)) {
      const execution = large.testExecutions.at(index);
      const expected = expectedStepTexts(large, execution.testCaseKey, execution.testCaseVersion);
      expect(execution.stepResults.map((result) => result.description)).toEqual(
        expected.map((step) => step.description),
      );
    }
  });

  it('stays small: building it and touching 1,000 random items retains well under 100 MB', () => {
    // Collecting before each reading measures what is retained, not garbage not yet collected.
    // Typed arrays live outside the JS heap, so their buffers are counted as well.
    setFlagsFromString('--expose-gc');
    const collectGarbage = runInNewContext('gc') as () => void;
    const used = () => {
      collectGarbage();
      const { heapUsed, arrayBuffers } = process.memoryUsage();
      return heapUsed + arrayBuffers;
    };
    const before = used();

    const dataset = generateDataset({ seed: 77, size: 'large' });
    for (const index of sampleIndexes(20_000, 500, 3)) dataset.testCases.at(index);
    for (const index of sampleIndexes(200_000, 500, 4)) dataset.testExecutions.at(index);

    const retained = used() - before;
    expect(dataset.testExecutions.count).toBe(200_000);
    expect(retained).toBeLessThan(100 * 1024 * 1024);
  });
});
