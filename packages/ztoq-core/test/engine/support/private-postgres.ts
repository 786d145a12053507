import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BIN = '/usr/lib/postgresql/15/bin';

/**
 * A PostgreSQL server of the test's own, in a temporary directory on a free port, so a drill can
 * restart it without disturbing the shared server other tests use. PostgreSQL refuses to run as
 * root, so the server runs as the `postgres` system user.
 */
export interface PrivatePostgres {
  url: string;
  /** Stops the server (fast shutdown: open sessions are ended) and starts it again. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const root = await mkdtemp(join(tmpdir(), 'ztoq-private-pg-'));
  await chmod(root, 0o777);
  const dataDir = join(root, 'data');
  const port = await freePort();
  const asPostgres = (command: string, args: string[]) =>
    run('runuser', ['-u', 'postgres', '--', join(BIN, command), ...args]);
  await asPostgres('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const pgCtl = (...args: string[]) => asPostgres('pg_ctl', ['-D', dataDir, '-w', '-o', options, ...args]);
  await pgCtl('-l', join(root, 'server.log'), 'start');
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async restart() {
      // The log file matters: without -l the restarted server keeps pg_ctl's output pipes open,
      // and execFile waits for them to close, forever.
      await pgCtl('-l', join(root, 'server.log'), '-m', 'fast', 'restart');
    },
    async stop() {
      await pgCtl('-m', 'immediate', 'stop').catch(() => undefined);
      await rm(root, { recursive: true, force: true });
    },
  };
}
