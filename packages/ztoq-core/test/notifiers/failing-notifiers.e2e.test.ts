import { afterEach, describe, expect, it } from 'vitest';
import {
  emailNotifier,
  jsonNotifier,
  type Logger,
  type MigrationResult,
  slackNotifier,
  throttleProgress,
  withRetries,
} from '../../src/index.js';
import { differencesAfterMigration, rigPerTest } from '../engine/support/migration-rig.js';
import { type SmtpSink, startSmtpSink } from './support/smtp-sink.js';
import { startWebhookSink, type WebhookSink } from './support/webhook-sink.js';

const rigs = rigPerTest();
let smtp: SmtpSink | undefined;
let slack: WebhookSink | undefined;
afterEach(async () => {
  await Promise.all([smtp?.close(), slack?.close()]);
  smtp = slack = undefined;
});

function capture(): { logger: Logger; warnings: string[] } {
  const warnings: string[] = [];
  return { logger: { debug() {}, info() {}, warn: (line) => warnings.push(line), error() {} }, warnings };
}

describe('notifiers in a migration', () => {
  it('a refused SMTP login and a webhook answering 500 are logged and retried; the migration is unaffected', async () => {
    const rig = await rigs.start({ size: 'tiny', seed: 31 });
    smtp = await startSmtpSink({ username: 'ztoq-bot', password: 'right-password' });
    slack = await startWebhookSink();
    slack.status = 500;
    const { logger, warnings } = capture();
    const retry = { attempts: 2, delayMs: 1, logger };
    const lines: string[] = [];
    // Wrapped as `notifiersFromConfig` wraps them: a tiny run sends no progress (15-minute throttle).
    const notifiers = [
      emailNotifier({
        server: '127.0.0.1',
        port: smtp.port,
        username: 'ztoq-bot',
        password: 'wrong',
        to: ['qa@example.com'],
      }),
      slackNotifier({ webhookUrl: `${slack.url}/services/T/B/x` }),
    ].map((transport) => throttleProgress(withRetries(transport, retry)));
    notifiers.push(jsonNotifier({ write: (line) => lines.push(line) }));

    const result = await rig.migration({ logger }, notifiers).run();

    expect(result.status).toBe('partial');
    expect(differencesAfterMigration(rig)).toEqual([]);
    const notices = lines.map((line) => (JSON.parse(line) as { kind: string }).kind);
    expect(notices.filter((kind) => kind !== 'progress')).toEqual([
      'run-started',
      'phase-finished',
      'phase-finished',
      'phase-finished',
      'phase-finished',
      'run-finished',
    ]);
    // Six notices, two attempts each, per failing transport.
    expect(smtp.logins).toHaveLength(12);
    expect(slack.requests).toHaveLength(12);
    expect(warnings.filter((line) => line.startsWith('notifier email failed: '))).toHaveLength(6);
    expect(
      warnings.filter(
        (line) => line === 'notifier slack failed: Slack webhook refused the message: HTTP 500',
      ),
    ).toHaveLength(6);
  }, 60_000);

  it('tells of a fatal error before the run-finished notice', async () => {
    const rig = await rigs.start({ size: 'tiny', seed: 24 });
    const lines: string[] = [];
    const result: MigrationResult = await rig
      .migration({ mapping: { testCasePriority: { High: 'Highest' } } }, [
        jsonNotifier({ write: (line) => lines.push(line) }),
      ])
      .run();

    expect(result.status).toBe('failed');
    const notices = lines.map(
      (line) => JSON.parse(line) as { kind: string; status: string; facts: unknown[] },
    );
    const failed = notices.find((notice) => notice.kind === 'run-failed');
    expect(failed?.status).toBe('failed');
    expect(failed?.facts).toContainEqual({ label: 'Error', value: result.error });
    expect(notices.at(-1)?.kind).toBe('run-finished');
    expect(notices.at(-2)?.kind).toBe('run-failed');
  }, 60_000);
});
