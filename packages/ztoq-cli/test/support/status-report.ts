import { expect } from 'vitest';
import { cli } from '../cli-harness.js';

/** `ztoq status --json`, as the status command prints it. */
export interface StatusReport {
  migrationId: string | null;
  latestRun: { id: string; phase: string; status: string } | null;
  phases: { phase: string; status: string }[];
  extracted: Record<string, number>;
  transformed: Record<string, number>;
  loaded: Record<string, { pending: number; done: number; failed: number }>;
  failures: Record<string, number>;
}

/** Runs `ztoq status` (in this process: it only reads the store) in both forms. */
export async function readStatus(
  projectKey: string,
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<{ report: StatusReport; text: string }> {
  const json = await cli(['status', '--project-key', projectKey, '--json'], env, cwd);
  expect(json, json.stderr).toMatchObject({ code: 0, stderr: '' });
  const text = await cli(['status', '--project-key', projectKey], env, cwd);
  expect(text, text.stderr).toMatchObject({ code: 0, stderr: '' });
  return { report: JSON.parse(json.stdout) as StatusReport, text: text.stdout };
}
