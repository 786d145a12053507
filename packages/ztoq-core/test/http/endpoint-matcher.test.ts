import { describe, expect, it } from 'vitest';
import { qtestOperations } from '../../src/generated/qtest-operations.js';
import { zephyrOperations } from '../../src/generated/zephyr-operations.js';
import { EndpointMatcher } from '../../src/http/endpoint-matcher.js';

describe('EndpointMatcher', () => {
  const zephyr = new EndpointMatcher('https://api.example.test/v2', zephyrOperations);

  it('names a request by its operation template below the base path', () => {
    expect(
      zephyr.match('GET', 'https://api.example.test/v2/testcases/PROJ-T12/teststeps?startAt=50'),
    ).toEqual({
      method: 'GET',
      path: '/testcases/{testCaseKey}/teststeps',
      label: 'GET /testcases/{testCaseKey}/teststeps',
    });
    expect(zephyr.match('get', 'https://api.example.test/v2/testcases/PROJ-T12').label).toBe(
      'GET /testcases/{testCaseKey}',
    );
    expect(zephyr.match('GET', 'https://api.example.test/v2/testcases?projectKey=PROJ').label).toBe(
      'GET /testcases',
    );
  });

  it('tells methods apart', () => {
    expect(zephyr.match('POST', 'https://api.example.test/v2/testcases/PROJ-T12/teststeps').label).toBe(
      'POST /testcases/{testCaseKey}/teststeps',
    );
  });

  it('ignores a trailing slash', () => {
    expect(zephyr.match('GET', 'https://api.example.test/v2/testcases/').label).toBe('GET /testcases');
  });

  it('never exposes a raw path for requests it cannot name', () => {
    expect(zephyr.match('GET', 'https://api.example.test/v2/unknown/PROJ-T12').label).toBe('GET (other)');
    expect(zephyr.match('DELETE', 'https://api.example.test/v2/testcases/PROJ-T12').label).toBe(
      'DELETE (other)',
    );
    expect(zephyr.match('GET', 'https://api.example.test/v1/testcases/PROJ-T12').label).toBe('GET (other)');
    expect(zephyr.match('GET', 'https://api.example.test/v2testcases').label).toBe('GET (other)');
    expect(zephyr.match('GET', 'https://elsewhere.example.test/v2/testcases/PROJ-T12').label).toBe(
      'GET (other)',
    );
  });

  it('prefers a literal segment over a parameter', () => {
    const matcher = new EndpointMatcher('http://127.0.0.1:1', [
      { method: 'GET', path: '/projects/{projectId}' },
      { method: 'GET', path: '/projects/current' },
      { method: 'GET', path: '/projects/{projectId}/items' },
      { method: 'GET', path: '/projects/current/{section}' },
    ]);
    expect(matcher.match('GET', 'http://127.0.0.1:1/projects/current').path).toBe('/projects/current');
    expect(matcher.match('GET', 'http://127.0.0.1:1/projects/42').path).toBe('/projects/{projectId}');
    expect(matcher.match('GET', 'http://127.0.0.1:1/projects/current/items').path).toBe(
      '/projects/current/{section}',
    );
    expect(matcher.match('GET', 'http://127.0.0.1:1/projects/42/items').path).toBe(
      '/projects/{projectId}/items',
    );
  });

  it('matches the qTest spec from the server root', () => {
    const qtest = new EndpointMatcher('https://qtest.example.test', qtestOperations);
    expect(qtest.match('GET', 'https://qtest.example.test/api/v3/projects/17/test-cases?page=2').label).toBe(
      'GET /api/v3/projects/{projectId}/test-cases',
    );
    expect(qtest.match('POST', 'https://qtest.example.test/api/v3/projects/17/search').label).toBe(
      'POST /api/v3/projects/{projectId}/search',
    );
    expect(qtest.match('POST', 'https://qtest.example.test/oauth/token').label).toBe('POST /oauth/token');
  });
});

describe('EndpointMatcher.resolve', () => {
  it('returns decoded path parameters by name', () => {
    const matcher = new EndpointMatcher('http://127.0.0.1:9/api', [
      { method: 'GET', path: '/projects/{projectId}/test-cases/{testCaseId}' },
      { method: 'GET', path: '/issuelinks/{issueKey}/testcases' },
    ]);
    expect(matcher.resolve('get', 'http://127.0.0.1:9/api/projects/12/test-cases/TC-7?x=1')).toEqual({
      endpoint: {
        method: 'GET',
        path: '/projects/{projectId}/test-cases/{testCaseId}',
        label: 'GET /projects/{projectId}/test-cases/{testCaseId}',
      },
      params: { projectId: '12', testCaseId: 'TC-7' },
    });
    expect(matcher.resolve('GET', 'http://127.0.0.1:9/api/issuelinks/A%20B-1/testcases').params).toEqual({
      issueKey: 'A B-1',
    });
    expect(matcher.resolve('GET', 'http://127.0.0.1:9/api/issuelinks/A%zzB/testcases').params).toEqual({
      issueKey: 'A%zzB',
    });
    expect(matcher.resolve('GET', 'http://127.0.0.1:9/api/nothing')).toEqual({
      endpoint: { method: 'GET', path: '(other)', label: 'GET (other)' },
      params: {},
    });
  });
});
