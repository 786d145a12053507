import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CliIo } from '../src/cli-io.js';
import { runCli } from '../src/run-cli.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in this process with captured output. */
export async function cli(args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env, cwd };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

const bin = fileURLToPath(new URL('../src/bin.ts', import.meta.url));
// The workspace's tsx, registered as a loader so the child runs the TypeScript sources.
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** Node arguments that run the CLI from source, the way `pnpm ztoq` does. */
export function cliSpawnArgs(args: string[]): string[] {
  return ['--conditions=ztoq-source', '--import', tsxLoader, bin, ...args];
}

/** Runs the CLI as a child process, the way `pnpm ztoq` does. */
export function cliProcess(args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, cliSpawnArgs(args), { cwd, env, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
