import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server on loopback that requires a login and keeps every message, parsed. */
export interface SmtpSink {
  port: number;
  messages: ParsedMail[];
  /** Logins tried, accepted or not. */
  logins: Array<{ username: string; password: string }>;
  close(): Promise<void>;
}

export async function startSmtpSink(credentials: { username: string; password: string }): Promise<SmtpSink> {
  const messages: ParsedMail[] = [];
  const logins: SmtpSink['logins'] = [];
  const server = new SMTPServer({
    // Plain SMTP on loopback: STARTTLS with the built-in self-signed certificate tests nothing here.
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: false,
    logger: false,
    onAuth(auth, _session, callback) {
      const login = { username: auth.username ?? '', password: auth.password ?? '' };
      logins.push(login);
      if (login.username === credentials.username && login.password === credentials.password) {
        callback(null, { user: login.username });
      } else {
        callback(new Error('Invalid username or password'));
      }
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          messages.push(parsed);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    messages,
    logins,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
