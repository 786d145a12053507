import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { redact } from '../../src/secrets.js';
import { describeDatabaseTarget, parseDatabaseUrl } from '../../src/store/index.js';

const cwd = '/work/project';

function configProblem(url: string): string {
  try {
    parseDatabaseUrl(url, { cwd });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error(`expected ${url} to be rejected`);
}

describe('parseDatabaseUrl', () => {
  it('defaults to PGlite in .ztoq/db under the working directory', () => {
    const expected = { kind: 'pglite-directory', directory: join(cwd, '.ztoq', 'db') };
    expect(parseDatabaseUrl(undefined, { cwd })).toEqual(expected);
    expect(parseDatabaseUrl('', { cwd })).toEqual(expected);
    expect(parseDatabaseUrl('  ', { cwd })).toEqual(expected);
  });

  it('uses the process working directory when none is given', () => {
    expect(parseDatabaseUrl(undefined)).toEqual({
      kind: 'pglite-directory',
      directory: join(process.cwd(), '.ztoq', 'db'),
    });
  });

  it('accepts memory:', () => {
    expect(parseDatabaseUrl('memory:', { cwd })).toEqual({ kind: 'pglite-memory' });
  });

  it.each([
    ['file:/var/lib/ztoq', '/var/lib/ztoq'],
    ['file:state/db', join(cwd, 'state', 'db')],
    ['file:./state', join(cwd, 'state')],
    ['file:///var/lib/ztoq%20db', '/var/lib/ztoq db'],
  ])('accepts %s', (url, directory) => {
    expect(parseDatabaseUrl(url, { cwd })).toEqual({ kind: 'pglite-directory', directory });
  });

  it.each([
    ['postgres://ztoq@db.internal:6543/migrations', 'db.internal', 6543, 'migrations'],
    ['postgresql://ztoq@127.0.0.1/migrations', '127.0.0.1', 5432, 'migrations'],
    ['POSTGRES://ztoq@[::1]:5433/m%20x', '[::1]', 5433, 'm x'],
    ['postgres://ztoq@db.internal', 'db.internal', 5432, undefined],
    ['postgres:///migrations?host=/var/run/postgresql', '/var/run/postgresql', 5432, 'migrations'],
  ])('accepts %s', (url, host, port, database) => {
    expect(parseDatabaseUrl(url, { cwd })).toEqual({
      kind: 'postgres',
      connectionString: url,
      host,
      port,
      database,
    });
  });

  it('registers the password so it is redacted wherever it is printed', () => {
    const target = parseDatabaseUrl('postgres://ztoq:pa%40ss-w0rd-1@db.internal/migrations', { cwd });
    expect(redact('auth failed for pa@ss-w0rd-1')).toBe('auth failed for ***');
    expect(describeDatabaseTarget(target)).toBe('PostgreSQL at db.internal:5432/migrations');
  });

  it.each([
    ['mysql://root:hunter22@db/x', 'got a "mysql:" URL'],
    ['sqlite:state.db', 'got a "sqlite:" URL'],
    ['hunter22-not-a-url', 'got a value without a scheme'],
    ['memory://', 'got a "memory:" URL'],
  ])('rejects %s, naming the accepted forms', (url, got) => {
    const message = configProblem(url);
    expect(message).toContain(got);
    expect(message).toContain('postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE');
    expect(message).toContain('file:PATH');
    expect(message).toContain('memory:');
    expect(message).not.toContain('hunter22');
  });

  it.each([
    ['postgres://ztoq:s3cret-one@db.internal:99999/x', 'it cannot be parsed as a URL'],
    ['postgres://ztoq:s3cret-one@db.internal/%zz', 'the database name is not valid percent-encoding'],
    ['postgres://ztoq:s3cret-one@db.internal/a/b', 'the path must be a single database name'],
  ])('rejects the malformed PostgreSQL URL %s without showing its password', (url, reason) => {
    const message = configProblem(url);
    expect(message).toContain(`ZTOQ_DATABASE_URL is not a valid PostgreSQL URL (${reason})`);
    expect(message).not.toContain('s3cret-one');
  });

  it.each(['file:', 'file:   '])('rejects %s without a directory', (url) => {
    expect(configProblem(url)).toContain('names no directory after "file:"');
  });

  it('rejects a file URL with a host', () => {
    expect(configProblem('file://remote-host/share')).toContain('is not a valid file URL');
  });
});

describe('describeDatabaseTarget', () => {
  it('prints where the store lives, without a password', () => {
    expect(describeDatabaseTarget({ kind: 'pglite-memory' })).toBe('PGlite in memory');
    expect(describeDatabaseTarget({ kind: 'pglite-directory', directory: '/x/db' })).toBe('PGlite at /x/db');
    expect(
      describeDatabaseTarget(parseDatabaseUrl('postgres://ztoq:s3cret-two@db.internal:6543', { cwd })),
    ).toBe('PostgreSQL at db.internal:6543');
  });
});
