import { describe, expect, it } from 'vitest';
import { ExitCode, ZtoqError } from '../../src/errors.js';
import { HttpNetworkError, networkFailureCode } from '../../src/http/network-failure.js';

function withCode(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('networkFailureCode', () => {
  it("finds the code in undici's cause", () => {
    expect(networkFailureCode(new TypeError('fetch failed', { cause: withCode('read', 'ECONNRESET') }))).toBe(
      'ECONNRESET',
    );
  });

  it('looks through nested causes and aggregate errors', () => {
    const aggregate = new AggregateError([withCode('a', 'ECONNREFUSED'), withCode('b', 'ECONNREFUSED')]);
    expect(networkFailureCode(new TypeError('fetch failed', { cause: aggregate }))).toBe('ECONNREFUSED');
    const nested = new Error('outer', { cause: new Error('middle', { cause: withCode('inner', 'EPIPE') }) });
    expect(networkFailureCode(nested)).toBe('EPIPE');
  });

  it('falls back to the error name', () => {
    expect(networkFailureCode(new TypeError('fetch failed'))).toBe('TypeError');
    expect(networkFailureCode('string thrown')).toBe('UNKNOWN');
  });
});

describe('HttpNetworkError', () => {
  it('names api, endpoint, attempts and code, redacted', () => {
    const error = new HttpNetworkError(
      { api: 'zephyr', endpoint: 'GET /testcases/{testCaseKey}', attempts: 3, code: 'ECONNRESET' },
      (text) => text.replace('zephyr', '***'),
    );
    expect(error).toBeInstanceOf(ZtoqError);
    expect(error.exitCode).toBe(ExitCode.failed);
    expect(error.name).toBe('HttpNetworkError');
    expect(error.message).toBe(
      '*** GET /testcases/{testCaseKey}: no HTTP response (ECONNRESET) after 3 attempts',
    );
    expect(error.code).toBe('ECONNRESET');
  });
});
