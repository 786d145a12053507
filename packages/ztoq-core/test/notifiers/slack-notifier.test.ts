import { afterEach, describe, expect, it } from 'vitest';
import { type Logger, slackNotifier, withRetries } from '../../src/index.js';
import { finishedNotice } from './support/finished-notice.js';
import { startWebhookSink, type WebhookSink } from './support/webhook-sink.js';

let sink: WebhookSink | undefined;
afterEach(async () => {
  await sink?.close();
  sink = undefined;
});

interface Block {
  type: string;
  text?: { text: string };
  fields?: Array<{ text: string }>;
  elements?: Array<{ text: string }>;
}

describe('slackNotifier', () => {
  it('posts a Block Kit message with the run facts and the link to the run', async () => {
    sink = await startWebhookSink();
    const notifier = slackNotifier({
      webhookUrl: `${sink.url}/services/T0/B0/hook-secret`,
      runUrl: 'https://github.com/acme/qa/actions/runs/99',
    });

    await notifier.notify(finishedNotice());

    expect(sink.requests).toHaveLength(1);
    const body = sink.requests[0]?.body as { text: string; blocks: Block[] };
    expect(sink.requests[0]?.path).toBe('/services/T0/B0/hook-secret');
    expect(body.text).toBe('ztoq: DEMO partial');
    expect(body.blocks.map((block) => block.type)).toEqual(['header', 'section', 'context']);
    expect(body.blocks[0]?.text?.text).toBe('ztoq: DEMO partial');
    expect(body.blocks[1]?.fields?.map((field) => field.text)).toEqual([
      '*Migration*\nmig-42',
      '*Duration*\n2m 5s',
      '*Migrated*\ntest-case 9/10, test-cycle 2/2',
      '*Created*\ntest-case 7, test-cycle 2',
      '*Updated*\ntest-case 1',
      '*Unchanged*\ntest-case 1',
      '*Removed in source*\ntest-case 2',
      '*Failures*\n1',
      '*Lossy*\nolder-versions 4',
    ]);
    expect(body.blocks[2]?.elements?.[0]?.text).toBe(
      '<https://github.com/acme/qa/actions/runs/99|Open the run>',
    );
  });

  it("names per type what a dry run's load would create, update, leave unchanged and find removed", async () => {
    sink = await startWebhookSink();
    const notice = finishedNotice();
    if (notice.kind !== 'run-finished') throw new Error('the fixture is a run-finished notice');
    const result = { ...notice.result, dryRun: true, load: {}, removedInSource: {} };
    result.plan = {
      module: { planned: 4, wouldCreate: 0, wouldUpdate: 1, unchanged: 3, removedInSource: 0 },
      'test-case': { planned: 10, wouldCreate: 2, wouldUpdate: 3, unchanged: 5, removedInSource: 4 },
    };
    await slackNotifier({ webhookUrl: `${sink.url}/hook` }).notify({ ...notice, result });

    const body = sink.requests[0]?.body as { text: string; blocks: Block[] };
    expect(body.text).toBe('ztoq: DEMO partial (dry run)');
    expect(body.blocks[1]?.fields?.map((field) => field.text)).toEqual(
      expect.arrayContaining([
        '*Migrated*\nnothing loaded',
        '*Would create*\ntest-case 2',
        '*Would update*\nmodule 1, test-case 3',
        '*Unchanged*\nmodule 3, test-case 5',
        '*Removed in source*\ntest-case 4',
      ]),
    );
  });

  it('retries a webhook that answers 500 a bounded number of times; the error names no URL', async () => {
    sink = await startWebhookSink();
    sink.status = 500;
    const warnings: string[] = [];
    const logger: Logger = { debug() {}, info() {}, warn: (line) => warnings.push(line), error() {} };
    const webhookUrl = `${sink.url}/services/T0/B0/hook-secret`;
    const notifier = withRetries(slackNotifier({ webhookUrl }), { attempts: 2, delayMs: 1, logger });

    const failure = await notifier.notify(finishedNotice()).catch((error: Error) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toBe('Slack webhook refused the message: HTTP 500');
    expect(sink.requests).toHaveLength(2);
    expect(warnings).toHaveLength(1);
    expect(warnings.join('\n')).not.toContain('hook-secret');
  });
});
