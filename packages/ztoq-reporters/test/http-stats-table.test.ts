import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpLayer, type HttpStatsSnapshot } from '@ztoq/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatHttpStats } from '../src/http-stats-table.js';

describe('formatHttpStats', () => {
  let baseUrl: string;
  let calls = 0;
  const server = createServer((request, response) => {
    calls++;
    // The first request to the test case endpoint is refused once, so the table shows a retry.
    const status = request.url?.startsWith('/v2/testcases/') && calls === 1 ? 503 : 200;
    response.writeHead(status, { 'content-type': 'application/json' }).end('{}');
  });

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('tabulates real counters from the HTTP layer, busiest endpoint first', async () => {
    const http = new HttpLayer({ sleep: async () => {} });
    const fetch = http.api({
      api: 'zephyr',
      baseUrl,
      operations: [
        { method: 'GET', path: '/testcases/{testCaseKey}' },
        { method: 'GET', path: '/projects' },
      ],
    });
    await fetch(`${baseUrl}/testcases/PROJ-T1`);
    await fetch(`${baseUrl}/projects`);
    await fetch(`${baseUrl}/projects`);
    await fetch(`${baseUrl}/projects`);

    const lines = formatHttpStats(http.stats()).trimEnd().split('\n');
    expect(lines[0]).toBe(
      '| API | Endpoint | Requests | Retries | Responses | Network errors | Avg ms | Max ms |',
    );
    expect(lines[2]).toMatch(/^\| zephyr \| `GET \/projects` \| 3 \| 0 \| 200×3 \| – \| \d+ \| \d+ \|$/);
    expect(lines[3]).toMatch(
      /^\| zephyr \| `GET \/testcases\/\{testCaseKey\}` \| 2 \| 1 \| 200×1 503×1 \| – \| \d+ \| \d+ \|$/,
    );
    expect(lines).toHaveLength(4);
  });

  it('escapes pipes, lists network errors and says when nothing was requested', () => {
    const counters = {
      requests: 2,
      responses: {},
      retries: 1,
      networkErrors: { ECONNRESET: 2 },
      aborted: 0,
      totalLatencyMs: 30,
      maxLatencyMs: 20,
    };
    const stats: HttpStatsSnapshot = {
      apis: { qtest: { totals: counters, endpoints: { 'GET /a|b': counters } } },
    };
    expect(formatHttpStats(stats)).toContain('| qtest | `GET /a\\|b` | 2 | 1 | – | ECONNRESET×2 | 15 | 20 |');
    expect(formatHttpStats({ apis: {} })).toBe('_No HTTP requests were made._\n');
  });
});
