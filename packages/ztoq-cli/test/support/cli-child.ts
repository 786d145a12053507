import { type ChildProcess, spawn } from 'node:child_process';
import { cliSpawnArgs } from '../cli-harness.js';

export interface ChildExit {
  /** null when a signal ended the process. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A CLI subprocess the test can signal while it works, and await afterwards. */
export interface CliChild {
  process: ChildProcess;
  exited: Promise<ChildExit>;
  /** Whether the process has ended (its output fully read). */
  readonly hasExited: boolean;
  /** What the process has written to stderr so far. */
  readonly stderr: string;
}

export function startCliChild(args: string[], env: NodeJS.ProcessEnv, cwd: string): CliChild {
  const child = spawn(process.execPath, cliSpawnArgs(args), { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let hasExited = false;
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<ChildExit>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      hasExited = true;
      resolve({ code, signal, stdout, stderr });
    });
  });
  return {
    process: child,
    exited,
    get hasExited() {
      return hasExited;
    },
    get stderr() {
      return stderr;
    },
  };
}

/**
 * Resolves once `condition` holds, checked every millisecond: the simulators count requests in
 * this process, so a tight poll lands a signal while the request that met the condition is
 * still in flight. Fails if the child ends first or the time runs out.
 */
export async function whenChildReaches(
  child: CliChild,
  condition: () => boolean,
  what: string,
  timeoutMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (child.hasExited) {
      const { code, stderr } = await child.exited;
      throw new Error(`the CLI exited (code ${code}) before ${what}: ${stderr}`);
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}
