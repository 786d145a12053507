import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateDataset } from '../../src/generator/index.js';
import {
  contents,
  datasetFingerprint,
  LARGE_CASE_SAMPLES,
  LARGE_EXECUTION_SAMPLES,
  largeSamples,
} from './dataset-fingerprint.js';

describe('generateDataset is deterministic', () => {
  it.each(['tiny', 'demo'] as const)('gives deep-equal %s data sets for the same seed', (size) => {
    expect(contents(generateDataset({ seed: 42, size }))).toEqual(
      contents(generateDataset({ seed: 42, size })),
    );
  });

  it('gives the same large items for the same seed, in whatever order they are asked for', () => {
    const first = largeSamples(42);
    const large = generateDataset({ seed: 42, size: 'large' });
    // In reverse, each after a neighbour, and twice: none of that may change an item.
    for (const [sample, index] of [...LARGE_CASE_SAMPLES.entries()].reverse()) {
      large.testCases.at((index + 1) % large.testCases.count);
      expect(large.testCases.at(index)).toEqual(first.testCases[sample]);
      expect(large.testCases.at(index)).toEqual(first.testCases[sample]);
    }
    for (const [sample, index] of [...LARGE_EXECUTION_SAMPLES.entries()].reverse()) {
      large.testExecutions.at((index + 1) % large.testExecutions.count);
      expect(large.testExecutions.at(index)).toEqual(first.testExecutions[sample]);
      expect(large.testExecutions.at(index)).toEqual(first.testExecutions[sample]);
    }
    expect(largeSamples(42)).toEqual(first);
  });

  it.each(['tiny', 'demo', 'large'] as const)('gives different %s data for a different seed', (size) => {
    const one = generateDataset({ seed: 1, size });
    const other = generateDataset({ seed: 2, size });
    const last = one.testExecutions.count - 1;
    expect(other.testCases.at(0)).not.toEqual(one.testCases.at(0));
    expect(other.testExecutions.at(last)).not.toEqual(one.testExecutions.at(last));
    expect(other.users).not.toEqual(one.users);
    expect(other.folders).not.toEqual(one.folders);
  });

  it('tells seeds apart beyond 32 bits', () => {
    const low = generateDataset({ seed: 1, size: 'tiny' });
    const high = generateDataset({ seed: 2 ** 32 + 1, size: 'tiny' });
    expect(high.testCases.at(0)).not.toEqual(low.testCases.at(0));
  });

  it('gives the same data in another process', () => {
    const fingerprintModule = fileURLToPath(new URL('./dataset-fingerprint.ts', import.meta.url));
    const child = execFileSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `const { datasetFingerprint } = await import(${JSON.stringify(fingerprintModule)});
         process.stdout.write(datasetFingerprint(5));`,
      ],
      { cwd: fileURLToPath(new URL('../../../../', import.meta.url)), encoding: 'utf8' },
    );
    expect(child).toMatch(/^[0-9a-f]{64}$/);
    expect(child).toBe(datasetFingerprint(5));
  }, 60_000);

  it('rejects seeds that are not safe integers and invalid project keys', () => {
    expect(() => generateDataset({ seed: 1.5, size: 'tiny' })).toThrow(RangeError);
    expect(() => generateDataset({ seed: Number.NaN, size: 'tiny' })).toThrow(RangeError);
    expect(() => generateDataset({ seed: 1, size: 'tiny', projectKey: 'demo' })).toThrow(RangeError);
    expect(() => generateDataset({ seed: 1, size: 'tiny', projectKey: 'D' })).toThrow(RangeError);
  });
});
