import { describe, expect, it } from 'vitest';
import {
  ApiError,
  AuthError,
  classifyWriteFailure,
  HttpNetworkError,
  TargetWriteError,
  ZtoqError,
} from '../../src/index.js';

const apiError = (status: number) =>
  new ApiError('qTest', { method: 'POST', path: '/api/v3/projects/{projectId}/test-cases' }, status, 'no');

describe('classifyWriteFailure', () => {
  it('takes a 4xx for a refusal, except the two that may come before the target acted', () => {
    for (const status of [400, 404, 409, 413, 422])
      expect(classifyWriteFailure(apiError(status))).toBe('refused');
    for (const status of [408, 429, 500, 502, 503])
      expect(classifyWriteFailure(apiError(status))).toBe('unknown');
  });

  it('leaves lost answers and unconfirmed creates in doubt, and stops on refused credentials', () => {
    const network = new HttpNetworkError({
      api: 'qTest',
      endpoint: 'POST /x',
      attempts: 1,
      code: 'UND_ERR_SOCKET',
    });
    expect(classifyWriteFailure(network)).toBe('unknown');
    expect(classifyWriteFailure(new ZtoqError('created, but answered without an id'))).toBe('unknown');
    expect(classifyWriteFailure(new AuthError('qTest', 401, 'refused'))).toBe('fatal');
    expect(classifyWriteFailure(new TypeError('a bug'))).toBe('fatal');
  });

  it("takes a custom target's declaration at its word, and a plain Error for a doubt, not a stop", () => {
    expect(classifyWriteFailure(new TargetWriteError('refused', 'archive is read-only'))).toBe('refused');
    expect(classifyWriteFailure(new TargetWriteError('fatal', 'disk gone'))).toBe('fatal');
    expect(classifyWriteFailure({ writeFailure: 'refused' })).toBe('refused');
    expect(classifyWriteFailure({ writeFailure: 'maybe' })).toBe('fatal');
    expect(classifyWriteFailure(new Error('the archive could not take it'))).toBe('unknown');
    for (const bug of [new RangeError('x'), new ReferenceError('y'), new SyntaxError('z')])
      expect(classifyWriteFailure(bug)).toBe('fatal');
    expect(classifyWriteFailure('a string')).toBe('fatal');
  });
});
