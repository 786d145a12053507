import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { bundleSelfContained } from '../scripts/build-action.js';
import { type BenchResult, repoRoot } from './support.js';

const run = promisify(execFile);

/**
 * Issue target: the embedded store takes at most 300 MiB of resident memory, its first open
 * (a new directory: initdb, then every migration) included. Each open is a fresh process
 * (bench/open-store-once.ts), bundled the way the action ships, so the numbers are the store's
 * and Node's, not the TypeScript loader's. The process that creates the database for a first
 * open (pglite-initdb.js) is not the opening process and is not counted.
 */
const TARGET_PEAK_MIB = 300;

interface Opened {
  seconds: number;
  maxRssMiB: number;
  vmHwmMiB: number;
}

export async function storeFirstOpen(): Promise<BenchResult> {
  const workDirectory = await mkdtemp(path.join(tmpdir(), 'ztoq-bench-store-'));
  try {
    const bundle = path.join(workDirectory, 'bundle');
    await bundleSelfContained(path.join(repoRoot, 'bench/open-store-once.ts'), bundle);
    const store = path.join(workDirectory, 'store');
    const openOnce = async (): Promise<Opened> => {
      const { stdout } = await run(process.execPath, [path.join(bundle, 'index.js'), store]);
      return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as Opened;
    };
    const firstOpen = await openOnce();
    const reopen = await openOnce();
    const peak = Math.max(firstOpen.vmHwmMiB, reopen.vmHwmMiB);
    return {
      name: 'store-first-open',
      target: `open a new embedded store (initdb and migrations) and reopen it, each with peak RSS ≤ ${TARGET_PEAK_MIB} MiB`,
      passed: peak <= TARGET_PEAK_MIB,
      measurements: { firstOpen, reopen },
    };
  } finally {
    await rm(workDirectory, { recursive: true, force: true });
  }
}
