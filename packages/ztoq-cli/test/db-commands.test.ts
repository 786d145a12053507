import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { cli, cliProcess } from './cli-harness.js';

let cwd: string;
beforeEach(async () => {
  cwd = await mkdtemp(path.join(tmpdir(), 'ztoq-cli-'));
});

describe('ztoq db', () => {
  it('shows pending migrations, applies them, then reports the schema up to date (persisted store)', async () => {
    const env = { ZTOQ_DATABASE_URL: `file:${path.join(cwd, 'store')}` };
    const before = await cli(['db', 'status'], env, cwd);
    expect(before).toMatchObject({ code: 0, stderr: '' });
    expect(before.stdout).toContain('  pending  0001_initial');
    expect(before.stdout).toContain('6 migration(s) pending: run `ztoq db migrate`');

    const migrate = await cli(['db', 'migrate'], env, cwd);
    expect(migrate).toEqual({
      code: 0,
      stdout: `state store (PGlite at ${path.join(cwd, 'store')}): applied 0001_initial, 0002_id_map_target_data, 0003_writer_lock, 0004_source_changes, 0005_written_plan, 0006_verified_content\n`,
      stderr: '',
    });

    const again = await cli(['db', 'migrate'], env, cwd);
    expect(again.stdout).toContain('schema is up to date');

    const after = await cli(['db', 'status', '--json'], env, cwd);
    const status = JSON.parse(after.stdout) as { pending: string[]; applied: { name: string }[] };
    expect(status.pending).toEqual([]);
    expect(status.applied.map((m) => m.name)).toEqual([
      '0001_initial',
      '0002_id_map_target_data',
      '0003_writer_lock',
      '0004_source_changes',
      '0005_written_plan',
      '0006_verified_content',
    ]);
  });

  it('defaults to the embedded store in .ztoq/db under the working directory', async () => {
    const result = await cli(['db', 'migrate'], {}, cwd);
    expect(result.code).toBe(0);
    expect(existsSync(path.join(cwd, '.ztoq', 'db'))).toBe(true);
  });

  it('rejects a malformed database URL with a one-line usage error', async () => {
    const result = await cli(['db', 'status'], { ZTOQ_DATABASE_URL: 'mysql://root:hunter22@db/x' }, cwd);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^ztoq: /);
    expect(result.stderr).not.toContain('hunter22');
  });

  it('reports an unreachable PostgreSQL in one line without the password', async () => {
    const result = await cli(
      ['db', 'status'],
      { ZTOQ_DATABASE_URL: 'postgres://postgres:s3cr3tpw@127.0.0.1:1/test' },
      cwd,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^ztoq: .*cannot reach PostgreSQL at 127\.0\.0\.1:1/);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toContain('s3cr3tpw');
  });
});

describe('ztoq', () => {
  it('documents the exit codes in --help', async () => {
    const result = await cli(['--help'], {}, cwd);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('4  authentication refused by Zephyr or qTest');
    expect(result.stdout).toContain('db');
  });

  it('answers an unknown command with usage exit code 2', async () => {
    const result = await cli(['frobnicate'], {}, cwd);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown command 'frobnicate'");
  });

  it('runs as a process the way `pnpm ztoq` does', async () => {
    const version = await cliProcess(['--version'], { PATH: process.env.PATH }, cwd);
    expect(version).toEqual({ code: 0, stdout: '0.1.0\n', stderr: '' });
    const bad = await cliProcess(
      ['db', 'status'],
      { PATH: process.env.PATH, ZTOQ_DATABASE_URL: 'nope' },
      cwd,
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^ztoq: /);
  });
});
