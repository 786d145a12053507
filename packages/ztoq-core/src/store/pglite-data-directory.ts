import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGliteOptions } from '@electric-sql/pglite';

/**
 * PostgreSQL's shared buffer pool lives in PGlite's WebAssembly memory and is touched in full
 * when the database starts, so its size is resident memory from the first query on. PGlite
 * keeps initdb's default, 128 MB; the store's working set is small and the files under it stay
 * in the operating system's page cache, so 16 MB keeps the opened store near 180 MiB instead of
 * 300 MiB without slowing a migration down.
 */
const SHARED_BUFFERS = '16MB';

/** The options every embedded store is opened with, in memory or in a directory. */
export function pgliteOptions(PGlite: { defaultStartParams: readonly string[] }): PGliteOptions {
  return {
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${SHARED_BUFFERS}`],
    initDbStartParams: [...INITDB_ARGUMENTS],
  };
}

/** initdb writes the setting into postgresql.conf; every open passes it as well (above). */
const INITDB_ARGUMENTS = ['--set', `shared_buffers=${SHARED_BUFFERS}`];

/** A PostgreSQL data directory holds this file once initdb has completed. */
const VERSION_FILE = 'PG_VERSION';
const SCRATCH_PREFIX = '.ztoq-initdb-';
/** Plain JavaScript beside this module in the sources, and beside the bundle in every dist/. */
const INITDB_SCRIPT = fileURLToPath(new URL('./pglite-initdb.js', import.meta.url));
/** How much of the initdb process's stderr is kept for the error message. */
const STDERR_LIMIT = 16 * 1024;

/**
 * Makes `directory` hold a PostgreSQL database, if it does not yet. initdb runs in a process
 * of its own (see pglite-initdb.js), so its peak memory never becomes the peak of the process
 * that then opens the store. It initialises a scratch directory inside `directory`, whose
 * entries are then moved in with the version file last: an interrupted first open leaves no
 * half-made database behind that a later open would take for a whole one. The caller holds
 * the directory's lock.
 */
export async function initialiseDataDirectory(directory: string): Promise<void> {
  if (existsSync(join(directory, VERSION_FILE))) return;
  // Left by an interrupted first open: nothing else uses them while we hold the lock.
  for (const entry of await readdir(directory)) {
    if (entry.startsWith(SCRATCH_PREFIX)) await rm(join(directory, entry), { recursive: true, force: true });
  }
  const scratch = await mkdtemp(join(directory, SCRATCH_PREFIX));
  try {
    await runInitDb(scratch);
    const entries = (await readdir(scratch)).sort(
      (a, b) => Number(a === VERSION_FILE) - Number(b === VERSION_FILE),
    );
    for (const entry of entries) {
      // Without a version file, whatever an interrupted move left is not a database yet.
      await rm(join(directory, entry), { recursive: true, force: true });
      await rename(join(scratch, entry), join(directory, entry));
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

function runInitDb(directory: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [INITDB_SCRIPT, directory, ...INITDB_ARGUMENTS], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_LIMIT);
    });
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(initDbFailure(stderr, signal ? `was stopped by ${signal}` : `exited with ${code}`));
    });
  });
}

/** The failure the script reported as its last line of stderr, with its error code (ENOSPC…). */
function initDbFailure(stderr: string, ended: string): Error {
  const lines = stderr.split('\n').filter((line) => line.trim() !== '');
  const last = lines.at(-1) ?? '';
  try {
    const reported = JSON.parse(last) as { message?: unknown; code?: unknown };
    if (typeof reported.message === 'string') {
      return Object.assign(new Error(`initdb failed: ${reported.message}`), {
        ...(typeof reported.code === 'string' ? { code: reported.code } : {}),
      });
    }
  } catch {
    // Not the script's report: the process died before it could write one.
  }
  return new Error(`initdb ${ended}${last ? `: ${last}` : ''}`);
}
