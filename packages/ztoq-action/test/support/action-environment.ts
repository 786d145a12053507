import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SETTINGS } from '@ztoq/core';
import { type MockInstance, vi } from 'vitest';

/**
 * A runner's view of one step, in a temporary directory: inputs as `INPUT_*` variables, the
 * summary and output files the runner would provide, and the workflow commands the step printed.
 * Everything it changes in `process` is put back by `restore`.
 */
export interface ActionEnvironment {
  directory: string;
  /** Workflow commands (`::error::…`) and log lines the step wrote to stdout. */
  stdout(): string;
  summary(): Promise<string>;
  /** Raw `GITHUB_OUTPUT` text, to check that no secret reached it. */
  outputFile(): Promise<string>;
  outputs(): Promise<Record<string, string>>;
  restore(): Promise<void>;
}

/**
 * `core.summary` is one object per process and keeps the first summary path it sees, as a step
 * runs in a process of its own. Tests share a process, so they share the file, emptied per step.
 */
const SUMMARY_FILE = path.join(tmpdir(), `ztoq-action-summary-${process.pid}.md`);

export async function actionEnvironment(
  inputs: Record<string, string>,
  env: Record<string, string> = {},
): Promise<ActionEnvironment> {
  const directory = await mkdtemp(path.join(tmpdir(), 'ztoq-action-'));
  const summaryFile = SUMMARY_FILE;
  const outputFile = path.join(directory, 'output.txt');
  // The runner creates both files before the step starts; core.summary refuses a missing one.
  await writeFile(summaryFile, '');
  await writeFile(outputFile, '');

  const saved = { ...process.env };
  // A developer's own ZEPHYR_*/QTEST_* variables must not stand in for inputs the test leaves out.
  for (const setting of Object.values(SETTINGS)) delete process.env[setting.env];
  for (const name of Object.keys(process.env)) if (name.startsWith('INPUT_')) delete process.env[name];
  for (const [name, value] of Object.entries(inputs)) {
    process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  Object.assign(process.env, env, { GITHUB_STEP_SUMMARY: summaryFile, GITHUB_OUTPUT: outputFile });

  let printed = '';
  const write: MockInstance = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
    printed += String(chunk);
    return true;
  });

  return {
    directory,
    stdout: () => printed,
    summary: () => readFile(summaryFile, 'utf8'),
    outputFile: () => readFile(outputFile, 'utf8'),
    outputs: async () => parseOutputFile(await readFile(outputFile, 'utf8')),
    async restore() {
      write.mockRestore();
      for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
      Object.assign(process.env, saved);
      // setFailed marks the process as failed; the test has read it by now.
      process.exitCode = undefined;
      await rm(directory, { recursive: true, force: true });
      await rm(summaryFile, { force: true });
    },
  };
}

/** `name<<delimiter\nvalue\ndelimiter` blocks, as `core.setOutput` writes them. */
function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const block = /^(.+?)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const match of text.matchAll(block)) outputs[match[1]!] = match[3]!;
  return outputs;
}
