import createClient from 'openapi-fetch';
import { afterEach, describe, expect, it } from 'vitest';
import { zephyrOperations } from '../../src/generated/zephyr-operations.js';
import type { paths as ZephyrPaths } from '../../src/generated/zephyr-paths.js';
import { HttpLayer } from '../../src/http/http-layer.js';
import { recordingSleep } from './support/recorders.js';
import { type ScriptedServer, startScriptedServer } from './support/scripted-server.js';

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('as the fetch of an openapi-fetch client', () => {
  it('retries beneath the client and counts by operation', async () => {
    server = await startScriptedServer((_request, index) =>
      index === 0
        ? { status: 503 }
        : { status: 200, body: JSON.stringify({ key: 'PROJ-T1', name: 'Login' }) },
    );
    const baseUrl = `${server.origin}/v2`;
    const http = new HttpLayer({ sleep: recordingSleep().sleep });
    const client = createClient<ZephyrPaths>({
      baseUrl,
      fetch: http.api({ api: 'zephyr', baseUrl, operations: zephyrOperations }),
    });

    const { data, response } = await client.GET('/testcases/{testCaseKey}', {
      params: { path: { testCaseKey: 'PROJ-T1' } },
    });
    expect(response.status).toBe(200);
    expect(data).toMatchObject({ key: 'PROJ-T1', name: 'Login' });
    expect(http.stats().apis.zephyr?.endpoints['GET /testcases/{testCaseKey}']).toMatchObject({
      requests: 2,
      retries: 1,
      responses: { '200': 1, '503': 1 },
    });
  });
});
