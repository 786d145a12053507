import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';

const script = fileURLToPath(new URL('./lint-actions.ts', import.meta.url));
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const lint = (root: string) =>
  spawnSync(process.execPath, ['--import', tsxLoader, script, root], { encoding: 'utf8' });

const workflow = (jobBody: string) =>
  `name: w\non: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n${jobBody}    steps:\n      - run: echo hi\n`;

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'ztoq-lint-actions-'));
  await mkdir(path.join(root, '.github/workflows'), { recursive: true });
});
afterEach(() => rm(root, { recursive: true, force: true }));

it('passes valid workflows and action files and names an invalid one', async () => {
  await writeFile(path.join(root, '.github/workflows/good.yml'), workflow(''));
  await writeFile(
    path.join(root, 'action.yml'),
    'name: a\ndescription: d\nruns:\n  using: node20\n  main: dist/index.js\n',
  );
  const clean = lint(root);
  expect(clean.stdout).toContain('ok       .github/workflows/good.yml');
  expect(clean.stdout).toContain('ok       action.yml');
  expect(clean.status).toBe(0);

  await mkdir(path.join(root, 'examples'));
  await writeFile(path.join(root, 'examples/bad.yml'), workflow('    timeout-minutes: lots\n'));
  const broken = lint(root);
  expect(broken.stdout).toContain('invalid  examples/bad.yml');
  expect(broken.stdout).toContain('/jobs/a/timeout-minutes');
  expect(broken.stderr).toContain('lint-actions: 1 of 3 files invalid');
  expect(broken.status).toBe(1);
}, 60_000);

it('refuses a tree with nothing to validate', () => {
  const empty = lint(root);
  expect(empty.stderr.trim()).toBe(`lint-actions: no workflow or action file under ${root}`);
  expect(empty.status).toBe(2);
});

it('checks an action on node24, which the validator schema does not know yet, by every other key', async () => {
  const action = (runs: string) => `name: a\ndescription: d\nruns:\n  using: node24\n${runs}`;
  await writeFile(path.join(root, 'action.yml'), action('  main: dist/index.js\n'));
  const clean = lint(root);
  expect(clean.stdout).toContain('ok       action.yml');
  expect(clean.status).toBe(0);

  // A node action without its entry point is still caught on node24.
  await writeFile(path.join(root, 'action.yml'), action('  pre-if: always()\n'));
  const broken = lint(root);
  expect(broken.stdout).toContain('invalid  action.yml');
  expect(broken.status).toBe(1);
}, 60_000);
