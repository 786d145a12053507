import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliResult } from '../cli-harness.js';

const packagesDir = fileURLToPath(new URL('../../../', import.meta.url));
const cliDir = path.join(packagesDir, 'ztoq-cli');
export const builtBin = path.join(cliDir, 'dist/bin.js');
const stampFile = path.join(cliDir, 'dist/.test-build-fingerprint');
const tsup = path.join(packagesDir, '../node_modules/.bin/tsup');
const lockDir = path.join(tmpdir(), 'ztoq-cli-test-build.lock');

/**
 * Builds the CLI as it ships (tsup, into each package's dist/) from the current sources, once:
 * the build is stamped with a hash of every source it came from, so later test files and
 * later runs reuse it until a source changes. Type declarations are skipped: they take most
 * of a build's time and nothing run here reads them. Test files build under a lock, since
 * tsup empties dist/ first.
 */
export async function ensureBuiltCli(): Promise<string> {
  const packages = workspacePackages();
  const fingerprint = await sourceFingerprint(packages);
  if (await stampIs(fingerprint)) return builtBin;
  await acquireLock();
  try {
    if (await stampIs(fingerprint)) return builtBin;
    for (const dir of packages) {
      const built = spawnSync(tsup, ['--no-dts'], { cwd: dir, encoding: 'utf8' });
      if (built.status !== 0) throw new Error(`tsup failed in ${dir}: ${built.stderr}${built.stdout}`);
    }
    await writeFile(stampFile, fingerprint);
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
  return builtBin;
}

/** Runs `node packages/ztoq-cli/dist/bin.js …` as the published `ztoq` binary runs. */
export function builtCliProcess(args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [builtBin, ...args], { cwd, env, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** The CLI and the workspace packages it depends on, dependencies first. */
function workspacePackages(): string[] {
  const byName = new Map<string, string>();
  for (const name of ['ztoq-core', 'ztoq-simulators', 'ztoq-reporters', 'ztoq-cli']) {
    const dir = path.join(packagesDir, name);
    if (!existsSync(path.join(dir, 'package.json'))) continue;
    byName.set(
      (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name: string }).name,
      dir,
    );
  }
  const ordered: string[] = [];
  const visit = (name: string) => {
    const dir = byName.get(name);
    if (!dir || ordered.includes(dir)) return;
    const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    for (const dependency of Object.keys(manifest.dependencies ?? {})) visit(dependency);
    ordered.push(dir);
  };
  visit('ztoq');
  return ordered;
}

async function sourceFingerprint(packages: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const dir of packages) {
    for (const file of ['package.json', 'tsup.config.ts']) hash.update(await readFile(path.join(dir, file)));
    const entries = await readdir(path.join(dir, 'src'), { recursive: true, withFileTypes: true });
    const files = entries
      .filter((entry) => entry.isFile())
      .map((entry) => path.join(entry.parentPath, entry.name))
      .sort();
    for (const file of files) hash.update(file).update(await readFile(file));
  }
  return hash.digest('hex');
}

async function stampIs(fingerprint: string): Promise<boolean> {
  return existsSync(builtBin) && (await readFile(stampFile, 'utf8').catch(() => '')) === fingerprint;
}

/** A directory only one process can create; one older than two minutes is left from a killed run. */
async function acquireLock(): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      await mkdir(lockDir);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = Date.now() - (await stat(lockDir).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
      if (age > 120_000) await rm(lockDir, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lockDir}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
