import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { emptyMigrationResult } from '@ztoq/core';
import { afterEach, describe, expect, it } from 'vitest';
import { teamsNotifier } from '../src/teams-notifier.js';

let server: Server | undefined;
afterEach(() => {
  server?.closeAllConnections();
  server?.close();
  server = undefined;
});

/** A stand-in for the Teams webhook: records bodies, answers `status`. */
async function startWebhook(status: number): Promise<{ url: string; bodies: unknown[] }> {
  const bodies: unknown[] = [];
  server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    request.on('end', () => {
      bodies.push(JSON.parse(text));
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook/abc`, bodies };
}

const result = emptyMigrationResult({
  runId: 'r1',
  migrationId: 'mig-1',
  projectKey: 'DEMO',
  targetProjectId: '7',
  phase: 'all',
  dryRun: false,
});
result.status = 'succeeded';

describe('Teams notifier example', () => {
  it('posts an Adaptive Card with the title, the facts and the link to the run', async () => {
    const webhook = await startWebhook(200);
    await teamsNotifier({ webhookUrl: webhook.url, runUrl: 'https://ci.example/run/5' }).notify({
      kind: 'run-finished',
      result,
      reportFiles: [],
    });
    const card = (webhook.bodies[0] as { attachments: Array<{ content: Record<string, unknown> }> })
      .attachments[0]?.content as {
      body: [{ text: string }, { facts: Array<{ title: string; value: string }> }];
      actions: Array<{ url: string }>;
    };
    expect(card.body[0].text).toBe('ztoq: DEMO succeeded');
    expect(card.body[1].facts).toContainEqual({ title: 'Migration', value: 'mig-1' });
    expect(card.actions[0]?.url).toBe('https://ci.example/run/5');
  });

  it('fails with the status only when the webhook refuses', async () => {
    const webhook = await startWebhook(500);
    const send = teamsNotifier({ webhookUrl: webhook.url }).notify({
      kind: 'run-started',
      projectKey: 'DEMO',
      migrationId: 'mig-1',
      runId: 'r1',
      phase: 'all',
    });
    await expect(send).rejects.toThrow(/^Teams webhook answered HTTP 500$/);
  });
});
