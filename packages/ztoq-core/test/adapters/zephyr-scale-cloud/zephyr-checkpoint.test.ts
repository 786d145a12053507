import { describe, expect, it } from 'vitest';
import { parseCheckpoint } from '../../../src/adapters/zephyr-scale-cloud/zephyr-checkpoint.js';
import { ZtoqError } from '../../../src/errors.js';

const SEGMENTS = ['TEST_CASE', 'TEST_PLAN'];

describe('parseCheckpoint', () => {
  it('starts at the first segment without a checkpoint, and is done at once with no segments', () => {
    expect(parseCheckpoint(undefined, SEGMENTS, 'folder')).toEqual({ segment: 'TEST_CASE', startAt: 0 });
    expect(parseCheckpoint(null, SEGMENTS, 'folder')).toEqual({ segment: 'TEST_CASE', startAt: 0 });
    expect(parseCheckpoint(undefined, [], 'test-execution')).toEqual({ done: true });
  });

  it('reads back what the stream wrote', () => {
    expect(parseCheckpoint({ segment: 'TEST_PLAN', startAt: 2000 }, SEGMENTS, 'folder')).toEqual({
      segment: 'TEST_PLAN',
      startAt: 2000,
    });
    expect(parseCheckpoint({ done: true }, SEGMENTS, 'folder')).toEqual({ done: true });
  });

  it.each([
    [{ segment: 'TEST_CYCLE', startAt: 0 }],
    [{ segment: 'TEST_CASE', startAt: 1.5 }],
    [{ segment: 'TEST_CASE' }],
    [{ done: false }],
    [[1, 2]],
    ['TEST_CASE'],
  ])('refuses %j, naming the stream', (checkpoint) => {
    expect(() => parseCheckpoint(checkpoint, SEGMENTS, 'folder')).toThrow(ZtoqError);
    expect(() => parseCheckpoint(checkpoint, SEGMENTS, 'folder')).toThrow(/folder stream/);
  });
});
