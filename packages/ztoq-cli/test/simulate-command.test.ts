import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { createQTestClient, createZephyrClient, zephyrItems } from '@ztoq/core';
import { describe, expect, it } from 'vitest';
import { cliSpawnArgs } from './cli-harness.js';

interface Printed {
  zephyr: { baseUrl: string; apiToken: string; projectKey: string };
  qtest: { baseUrl: string; username: string; password: string; projectId: number };
  env: Record<string, string>;
}

describe('ztoq simulate', () => {
  it('serves both simulators with the printed settings until interrupted', async () => {
    const child = spawn(process.execPath, cliSpawnArgs(['simulate', '--size', 'tiny', '--json']), {
      env: { PATH: process.env.PATH },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      const firstLine = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once('line', resolve);
        child.once('close', () => reject(new Error(`simulate exited early: ${stderr}`)));
      });
      const printed = JSON.parse(firstLine) as Printed;
      expect(printed.env.DEFAULT_ZEPHYR_PROJECT_KEY).toBe('DEMO');
      expect(printed.env.QTEST_PROJECT_ID).toBe(String(printed.qtest.projectId));

      // The printed settings work with ztoq's own clients: bearer token on Zephyr, password login on qTest.
      const zephyr = createZephyrClient({ baseUrl: printed.zephyr.baseUrl, token: printed.zephyr.apiToken });
      const keys: string[] = [];
      for await (const testCase of zephyrItems(zephyr, '/testcases', {
        query: { projectKey: printed.zephyr.projectKey },
      })) {
        keys.push(testCase.key);
      }
      expect(keys.length).toBeGreaterThan(0);
      const qtest = createQTestClient({
        baseUrl: printed.qtest.baseUrl,
        auth: { kind: 'password', username: printed.qtest.username, password: printed.qtest.password },
      });
      const statuses = await qtest.GET('/api/v3/projects/{projectId}/test-runs/execution-statuses', {
        params: { path: { projectId: printed.qtest.projectId } },
      });
      expect(statuses.response.status).toBe(200);
      expect(statuses.data?.map((status) => status.name)).toContain('Passed');
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
  });
});
