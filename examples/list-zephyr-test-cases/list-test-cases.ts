/**
 * SDK example: list every test case of a Zephyr Scale project through ztoq's typed client and
 * shared HTTP layer (retries, rate limits and request counters included).
 *
 *   ZEPHYR_BASE_URL=https://api.zephyrscale.smartbear.com/v2 ZEPHYR_API_TOKEN=… \
 *   DEFAULT_ZEPHYR_PROJECT_KEY=PROJ pnpm --filter @ztoq/example-list-zephyr-test-cases start
 */
import { pathToFileURL } from 'node:url';
import {
  createZephyrClient,
  HttpLayer,
  loadConfig,
  requireConfig,
  ZtoqError,
  zephyrItems,
  zephyrOperations,
} from '@ztoq/core';

export async function listTestCases(env: NodeJS.ProcessEnv, print: (line: string) => void): Promise<number> {
  const { zephyr, projectKey } = requireConfig(loadConfig({ env }), ['zephyr', 'projectKey']);
  const http = new HttpLayer();
  const client = createZephyrClient({
    baseUrl: zephyr.baseUrl,
    token: zephyr.apiToken,
    fetch: http.api({ api: 'zephyr', baseUrl: zephyr.baseUrl, operations: zephyrOperations, concurrency: 4 }),
  });
  let count = 0;
  for await (const testCase of zephyrItems(client, '/testcases', { query: { projectKey } })) {
    print(`${testCase.key}\t${testCase.name}`);
    count++;
  }
  const requests = http.stats().apis.zephyr?.totals.requests ?? 0;
  print(`${count} test cases in ${projectKey}, ${requests} requests`);
  return count;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    await listTestCases(process.env, console.log);
  } catch (error) {
    console.error(`list-test-cases: ${error instanceof ZtoqError ? error.message : String(error)}`);
    process.exitCode = error instanceof ZtoqError ? error.exitCode : 1;
  }
}
