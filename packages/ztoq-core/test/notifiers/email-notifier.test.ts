import { mkdtemp, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { emailNotifier, type Logger, withRetries } from '../../src/index.js';
import { finishedNotice } from './support/finished-notice.js';
import { type SmtpSink, startSmtpSink } from './support/smtp-sink.js';

const credentials = { username: 'ztoq-bot', password: 'smtp-pass-Q8x!' };
let sink: SmtpSink | undefined;
let silent: Server | undefined;
afterEach(async () => {
  await sink?.close();
  sink = undefined;
  silent?.close();
  silent = undefined;
});

function capturingLogger(lines: string[]): Logger {
  const push = (message: string) => lines.push(message);
  return { debug: push, info: push, warn: push, error: push };
}

describe('emailNotifier', () => {
  it('logs in and sends the summary to every recipient with report.html and the CSVs attached', async () => {
    sink = await startSmtpSink(credentials);
    const dir = await mkdtemp(path.join(tmpdir(), 'ztoq-mail-'));
    const files = ['report.html', 'test-cases.csv', 'report.json'].map((name) => path.join(dir, name));
    await writeFile(files[0]!, '<html><body>report</body></html>');
    await writeFile(files[1]!, 'key,status\nDEMO-T1,loaded\n');
    await writeFile(files[2]!, '{}');
    const notifier = emailNotifier({
      server: '127.0.0.1',
      port: sink.port,
      ...credentials,
      to: ['qa@example.com', 'lead@example.com'],
      runUrl: 'https://github.com/acme/qa/actions/runs/99',
    });

    await notifier.notify(finishedNotice(files));

    expect(sink.messages).toHaveLength(1);
    const mail = sink.messages[0]!;
    expect(mail.subject).toBe('ztoq: DEMO partial');
    const to = Array.isArray(mail.to) ? mail.to : [mail.to];
    expect(to.flatMap((address) => address?.value.map((entry) => entry.address))).toEqual([
      'qa@example.com',
      'lead@example.com',
    ]);
    const html = String(mail.html);
    expect(html).toContain('mig-42');
    expect(html).toContain('2m 5s');
    expect(html).toContain('test-case 9/10, test-cycle 2/2');
    expect(html).toMatch(/Failures<\/th><td>1</);
    expect(html).toContain('<th align="left">Created</th><td>test-case 7, test-cycle 2</td>');
    expect(html).toContain('<th align="left">Updated</th><td>test-case 1</td>');
    expect(html).toContain('<th align="left">Unchanged</th><td>test-case 1</td>');
    expect(html).toContain('<th align="left">Removed in source</th><td>test-case 2</td>');
    expect(mail.text).toContain(
      '\nCreated: test-case 7, test-cycle 2\nUpdated: test-case 1\nUnchanged: test-case 1\nRemoved in source: test-case 2\n',
    );
    expect(html).toContain('older-versions 4');
    expect(html).toContain('href="https://github.com/acme/qa/actions/runs/99"');
    expect(mail.attachments.map((attachment) => attachment.filename).sort()).toEqual([
      'report.html',
      'test-cases.csv',
    ]);
    expect(mail.attachments.find((a) => a.filename === 'test-cases.csv')?.content.toString()).toContain(
      'DEMO-T1,loaded',
    );
  });

  it('gives up after the bounded attempts when the server refuses the login, and says so in the log', async () => {
    sink = await startSmtpSink(credentials);
    const lines: string[] = [];
    const notifier = withRetries(
      emailNotifier({
        server: '127.0.0.1',
        port: sink.port,
        username: 'ztoq-bot',
        password: 'wrong',
        to: ['qa@example.com'],
      }),
      { attempts: 3, delayMs: 1, logger: capturingLogger(lines) },
    );

    await expect(notifier.notify(finishedNotice())).rejects.toThrow(/Invalid login|535/);
    expect(sink.logins).toHaveLength(3);
    expect(sink.messages).toHaveLength(0);
    expect(lines.filter((line) => line.startsWith('notifier email: attempt'))).toHaveLength(2);
  });

  it('stops waiting for a server that accepts the connection and never answers', async () => {
    silent = createServer(() => {});
    await new Promise<void>((resolve) => silent?.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    const notifier = withRetries(emailNotifier({ server: '127.0.0.1', port, to: ['qa@example.com'] }), {
      attempts: 2,
      timeoutMs: 150,
      delayMs: 1,
      logger: capturingLogger([]),
    });
    const started = Date.now();
    await expect(notifier.notify(finishedNotice())).rejects.toThrow('no answer within 150 ms');
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
