import { describe, expect, it } from 'vitest';
import { queueStateAfterRun } from '../../src/projects/queue-outcome.js';

describe('queueStateAfterRun', () => {
  it('finishes succeeded and partial runs, holds failed ones for a person, and continues interrupted ones', () => {
    expect(queueStateAfterRun('succeeded')).toBe('done');
    expect(queueStateAfterRun('partial')).toBe('done');
    expect(queueStateAfterRun('failed')).toBe('failed');
    expect(queueStateAfterRun('not-started')).toBe('failed');
    expect(queueStateAfterRun('interrupted')).toBe('in-progress');
  });
});
