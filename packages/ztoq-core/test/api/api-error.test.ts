import { describe, expect, it } from 'vitest';
import { ApiError, apiError } from '../../src/api/api-error.js';
import { AuthError, ExitCode } from '../../src/errors.js';
import { secrets } from '../../src/secrets.js';

const getTestCase = { method: 'GET', path: '/testcases/{testCaseKey}' };
const createModule = { method: 'POST', path: '/api/v3/projects/{projectId}/modules' };
const answer = (status: number) => new Response(null, { status });

describe('apiError', () => {
  it('names the API, method, path template, status and the Zephyr message', () => {
    const error = apiError('Zephyr', getTestCase, answer(404), {
      errorCode: 404,
      message: "Test case 'PROJ-T9' does not exist or you do not have access to it",
    });

    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toBe(
      "Zephyr GET /testcases/{testCaseKey} answered HTTP 404: Test case 'PROJ-T9' does not exist or you do not have access to it",
    );
    expect(error.exitCode).toBe(ExitCode.failed);
    expect(error).toMatchObject({ api: 'Zephyr', status: 404, operation: getTestCase });
  });

  it('reads qTest’s {message} and {errors: [{message}]} bodies', () => {
    expect(apiError('qTest', createModule, answer(400), { message: 'Name is required' }).message).toBe(
      'qTest POST /api/v3/projects/{projectId}/modules answered HTTP 400: Name is required',
    );
    expect(
      apiError('qTest', createModule, answer(400), {
        result: null,
        errors: [{ message: 'Name is required' }, { message: 'Parent not found', additionalInfo: 'id 3' }],
      }).message,
    ).toBe(
      'qTest POST /api/v3/projects/{projectId}/modules answered HTTP 400: Name is required; Parent not found',
    );
  });

  it.each([
    ['no body', undefined],
    ['a text body', '<html>Bad Gateway</html>'],
    ['a body without a message', { code: 'E1' }],
    ['a blank message', { message: '  ' }],
  ])('gives only the summary for %s', (_, body) => {
    expect(apiError('Zephyr', getTestCase, answer(502), body).message).toBe(
      'Zephyr GET /testcases/{testCaseKey} answered HTTP 502',
    );
  });

  it.each([401, 403])('turns %i into an AuthError with the auth exit code', (status) => {
    const error = apiError('qTest', createModule, answer(status), { message: 'Forbidden' });

    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ api: 'qTest', status, exitCode: ExitCode.authRefused });
    expect(error.message).toBe(
      `qTest POST /api/v3/projects/{projectId}/modules answered HTTP ${status}: Forbidden`,
    );
  });

  it('keeps the message on one line and short', () => {
    const stack = `NullPointerException\n\tat com.qasymphony.Foo(Foo.java:1)\r\n${'x'.repeat(400)}`;

    const { message } = apiError('qTest', createModule, answer(500), { message: stack });

    expect(message).not.toMatch(/[\r\n\t]/);
    expect(message).toMatch(
      /^qTest POST \S+ answered HTTP 500: NullPointerException at com\.qasymphony\.Foo/,
    );
    expect(message.endsWith('…')).toBe(true);
    expect(message.length).toBeLessThan(400);
  });

  it('redacts registered secrets the vendor echoes back, before cutting a long message', () => {
    const secret = 'echoed-secret-value';
    secrets.add(secret);

    const echoed = apiError('Zephyr', getTestCase, answer(400), { message: `bad token ${secret}` });
    const cut = apiError('Zephyr', getTestCase, answer(400), { message: `${'y'.repeat(290)}${secret}` });

    expect(echoed.message).toBe('Zephyr GET /testcases/{testCaseKey} answered HTTP 400: bad token ***');
    expect(cut.message).not.toContain(secret.slice(0, 10));
  });
});
