import path from 'node:path';
import nodemailer from 'nodemailer';
import type { MigrationNotice, Notifier } from '../ports/notifier.js';
import { type NoticeSummary, summarizeNotice } from './notice-summary.js';

export interface EmailNotifierOptions {
  server: string;
  port: number;
  username?: string;
  password?: string;
  to: readonly string[];
  /** Defaults to the SMTP user, or `ztoq@<server>` without one. */
  from?: string;
  runUrl?: string;
  /** Port 465 speaks TLS from the first byte; other ports upgrade with STARTTLS when offered. */
  secure?: boolean;
  /** Test servers on loopback have self-signed certificates. */
  rejectUnauthorized?: boolean;
}

/** Only these report files travel by mail: the readable report and the tables, not the JSON. */
const ATTACHED = new Set(['.html', '.csv']);

/** E-mail through an SMTP relay (nodemailer): subject `ztoq: <KEY> <status>`, an HTML body, the report attached. */
export function emailNotifier(options: EmailNotifierOptions): Notifier {
  const transport = nodemailer.createTransport({
    host: options.server,
    port: options.port,
    secure: options.secure ?? options.port === 465,
    ...(options.username ? { auth: { user: options.username, pass: options.password ?? '' } } : {}),
    // nodemailer waits minutes by default; a relay that does not answer must not hold the run.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
    tls: { rejectUnauthorized: options.rejectUnauthorized ?? true },
  });
  const from = options.from ?? options.username ?? `ztoq@${options.server}`;
  return {
    name: 'email',
    async notify(notice: MigrationNotice) {
      const summary = summarizeNotice(notice, options.runUrl);
      const files = notice.kind === 'run-finished' ? notice.reportFiles : [];
      await transport.sendMail({
        from,
        to: [...options.to],
        subject: summary.title,
        text: textBody(summary),
        html: htmlBody(summary),
        attachments: files
          .filter((file) => ATTACHED.has(path.extname(file).toLowerCase()))
          .map((file) => ({ filename: path.basename(file), path: file })),
      });
    },
  };
}

function textBody(summary: NoticeSummary): string {
  const lines = [summary.title, '', ...summary.facts.map(({ label, value }) => `${label}: ${value}`)];
  if (summary.runUrl) lines.push('', `Run: ${summary.runUrl}`);
  return `${lines.join('\n')}\n`;
}

function htmlBody(summary: NoticeSummary): string {
  const rows = summary.facts
    .map(
      ({ label, value }) =>
        `<tr><th align="left">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`,
    )
    .join('');
  const link = summary.runUrl ? `<p><a href="${escapeHtml(summary.runUrl)}">Open the run</a></p>` : '';
  return `<h2>${escapeHtml(summary.title)}</h2><table>${rows}</table>${link}`;
}

/** Project and entity names come from users; a mail client must show them, not run them. */
function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}
