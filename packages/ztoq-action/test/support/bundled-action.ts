import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parse } from 'yaml';

const run = promisify(execFile);
const repositoryRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/**
 * What `uses: <owner>/ztoq@v1` puts on a runner: only `action.yml` and the committed `dist/`,
 * in a directory of their own with no node_modules anywhere above it.
 */
export async function copyPublishedAction(): Promise<string> {
  const directory = await mkdtemp(path.join(tmpdir(), 'ztoq-published-action-'));
  await cp(path.join(repositoryRoot, 'action.yml'), path.join(directory, 'action.yml'));
  await cp(path.join(repositoryRoot, 'dist'), path.join(directory, 'dist'), { recursive: true });
  return directory;
}

export interface BundledRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  /** Raw GITHUB_OUTPUT text. */
  outputFile: string;
  summary: string;
}

export interface BundledRunOptions {
  actionDirectory: string;
  /** The job's workspace and working directory. */
  workspace: string;
  inputs: Record<string, string>;
  event: { name: string; payload: unknown };
  env?: Record<string, string>;
}

/**
 * Runs `node dist/index.js` as the runner does for a `node24` action: inputs as `INPUT_*`
 * variables, fresh output and summary files, the event payload in a file, and no other
 * environment than the runner's own variables (no developer ZEPHYR_* or QTEST_* leaks in).
 */
export async function runBundledAction(options: BundledRunOptions): Promise<BundledRun> {
  const runnerFiles = await mkdtemp(path.join(tmpdir(), 'ztoq-runner-files-'));
  const outputPath = path.join(runnerFiles, 'output.txt');
  const summaryPath = path.join(runnerFiles, 'summary.md');
  const eventPath = path.join(runnerFiles, 'event.json');
  await writeFile(outputPath, '');
  await writeFile(summaryPath, '');
  await writeFile(eventPath, JSON.stringify(options.event.payload));
  await mkdir(options.workspace, { recursive: true });
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? tmpdir(),
    RUNNER_TEMP: runnerFiles,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_EVENT_NAME: options.event.name,
    GITHUB_EVENT_PATH: eventPath,
    ...options.env,
  };
  // The runner passes each input's `default:` from action.yml unless the workflow gives the input.
  const action = parse(await readFile(path.join(options.actionDirectory, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>;
  };
  const defaults = Object.entries(action.inputs).flatMap(([name, input]) =>
    input.default === undefined ? [] : [[name, String(input.default)] as const],
  );
  for (const [name, value] of [...defaults, ...Object.entries(options.inputs)]) {
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  let exitCode = 0;
  let stdout = '';
  let stderr = '';
  try {
    const done = await run(process.execPath, [path.join(options.actionDirectory, 'dist/index.js')], {
      cwd: options.workspace,
      env,
      maxBuffer: 64 * 1024 * 1024,
    });
    stdout = done.stdout;
    stderr = done.stderr;
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    exitCode = typeof failed.code === 'number' ? failed.code : -1;
    stdout = failed.stdout ?? '';
    stderr = failed.stderr ?? '';
  }
  const outputFile = await readFile(outputPath, 'utf8');
  return {
    exitCode,
    stdout,
    stderr,
    outputs: parseOutputFile(outputFile),
    outputFile,
    summary: await readFile(summaryPath, 'utf8'),
  };
}

/** `name<<delimiter\nvalue\ndelimiter` blocks, as `core.setOutput` writes them. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const block = /^(.+?)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const match of text.matchAll(block)) outputs[match[1]!] = match[3]!;
  return outputs;
}
