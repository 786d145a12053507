import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { listTestCases } from './list-test-cases.js';

// A stand-in Zephyr that caps pages at 2 items, so the example must follow the returned maxResults.
const names = ['Login', 'Logout', 'Search', 'Checkout', 'Refund'];
const server = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  if (request.headers.authorization !== 'Bearer example-token' || url.pathname !== '/v2/testcases') {
    response.writeHead(401).end(JSON.stringify({ errorCode: 401, message: 'no' }));
    return;
  }
  const startAt = Number(url.searchParams.get('startAt'));
  const maxResults = Math.min(Number(url.searchParams.get('maxResults')), 2);
  const values = names.slice(startAt, startAt + maxResults).map((name, i) => ({
    id: startAt + i + 1,
    key: `${url.searchParams.get('projectKey')}-T${startAt + i + 1}`,
    name,
  }));
  const isLast = startAt + maxResults >= names.length;
  response
    .writeHead(200, { 'content-type': 'application/json' })
    .end(JSON.stringify({ startAt, maxResults, isLast, values }));
});

let baseUrl = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

it('lists every test case of the project page by page', async () => {
  const lines: string[] = [];
  const env = {
    ZEPHYR_BASE_URL: baseUrl,
    ZEPHYR_API_TOKEN: 'example-token',
    DEFAULT_ZEPHYR_PROJECT_KEY: 'SHOP',
  };
  expect(await listTestCases(env, (line) => lines.push(line))).toBe(5);
  expect(lines).toEqual([
    'SHOP-T1\tLogin',
    'SHOP-T2\tLogout',
    'SHOP-T3\tSearch',
    'SHOP-T4\tCheckout',
    'SHOP-T5\tRefund',
    '5 test cases in SHOP, 3 requests',
  ]);
});

it('refuses to start without a token', async () => {
  await expect(
    listTestCases({ ZEPHYR_BASE_URL: baseUrl, DEFAULT_ZEPHYR_PROJECT_KEY: 'SHOP' }, () => {}),
  ).rejects.toThrow('ZEPHYR_API_TOKEN is not set');
});
