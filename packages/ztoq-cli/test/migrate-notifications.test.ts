import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type SmtpSink, startSmtpSink } from '../../ztoq-core/test/notifiers/support/smtp-sink.js';
import { startWebhookSink, type WebhookSink } from '../../ztoq-core/test/notifiers/support/webhook-sink.js';
import { cli } from './cli-harness.js';
import { type SimulatedMigration, startSimulatedMigration } from './support/simulated-migration.js';

let migration: SimulatedMigration | undefined;
let smtp: SmtpSink | undefined;
let slack: WebhookSink | undefined;
afterEach(async () => {
  await Promise.all([migration?.close(), smtp?.close(), slack?.close()]);
  migration = smtp = slack = undefined;
});

const SMTP_PASSWORD = 'smtp-Secret-7f3k';
const WEBHOOK_PATH = '/services/T0AB/B0CD/webhookSecret9x';

async function notifyingMigration() {
  migration = await startSimulatedMigration();
  smtp = await startSmtpSink({ username: 'ztoq-bot', password: SMTP_PASSWORD });
  slack = await startWebhookSink();
  const env = {
    ...migration.env,
    SMTP_SERVER: '127.0.0.1',
    SMTP_PORT: String(smtp.port),
    SMTP_USERNAME: 'ztoq-bot',
    SMTP_PASSWORD,
    NOTIFICATION_EMAIL: 'qa@example.com, lead@example.com',
    SLACK_WEBHOOK_URL: `${slack.url}${WEBHOOK_PATH}`,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: 'acme/qa',
    GITHUB_RUN_ID: '4242',
  };
  return { migration, smtp, slack, env };
}

describe('ztoq migrate notifications', () => {
  it('mails and posts the run, attaches the report, and no output carries a secret', async () => {
    const { migration, smtp, slack, env } = await notifyingMigration();
    const run = await cli(migration.migrateArgs('--report-dir', 'reports', '--json'), env, migration.cwd);
    const result = JSON.parse(run.stdout) as { status: string; migrationId: string; exitCode: number };
    expect(run.code, run.stderr).toBe(result.exitCode);

    // Run started, four phases finished, run finished: by each transport.
    const subjects = smtp.messages.map((mail) => mail.subject);
    expect(subjects).toEqual([
      'ztoq: DEMO started',
      'ztoq: DEMO extract finished',
      'ztoq: DEMO transform finished',
      'ztoq: DEMO load finished',
      'ztoq: DEMO validate finished',
      `ztoq: DEMO ${result.status}`,
    ]);
    const finished = smtp.messages.at(-1)!;
    expect(String(finished.html)).toContain(result.migrationId);
    expect(String(finished.html)).toContain('https://github.com/acme/qa/actions/runs/4242');
    const attached = finished.attachments.map((attachment) => attachment.filename);
    expect(attached).toContain('report.html');
    expect(attached.some((name) => name?.endsWith('.csv'))).toBe(true);
    expect(attached.some((name) => name?.endsWith('.json'))).toBe(false);
    expect(slack.requests.map((request) => (request.body as { text: string }).text)).toEqual(subjects);

    // Every secret the run knew, searched for in everything it wrote or sent.
    const planted = [
      SMTP_PASSWORD,
      WEBHOOK_PATH.slice(1),
      'webhookSecret9x',
      String(migration.env.ZEPHYR_API_TOKEN),
      String(migration.env.QTEST_PASSWORD),
    ];
    const reportDir = path.join(migration.cwd, 'reports');
    const outputs = [
      run.stdout,
      run.stderr,
      ...smtp.messages.flatMap((mail) => [
        mail.subject ?? '',
        String(mail.html),
        mail.text ?? '',
        ...mail.attachments.map((attachment) => attachment.content.toString('utf8')),
      ]),
      ...slack.requests.map((request) => JSON.stringify(request.body)),
      ...(await Promise.all(
        (
          await readdir(reportDir, { recursive: true, withFileTypes: true })
        )
          .filter((entry) => entry.isFile())
          .map((entry) => readFile(path.join(entry.parentPath, entry.name), 'utf8')),
      )),
    ];
    expect(outputs.length).toBeGreaterThan(20);
    for (const secret of planted) {
      expect(secret.length).toBeGreaterThan(5);
      expect(outputs.filter((output) => output.includes(secret))).toEqual([]);
    }
  });

  it('sends nothing with --send-report false', async () => {
    const { migration, smtp, slack, env } = await notifyingMigration();
    const run = await cli(migration.migrateArgs('--dry-run', '--send-report', 'false'), env, migration.cwd);
    expect(run.code, run.stderr).toBe(3);
    expect(smtp.messages).toEqual([]);
    expect(smtp.logins).toEqual([]);
    expect(slack.requests).toEqual([]);
  });
});
