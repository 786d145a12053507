/**
 * Validates every GitHub workflow and action file of the repository with @action-validator/cli,
 * which checks them against the published schemas it carries (no network). Files are found by
 * pattern, so an action.yml that appears later is checked without changing this script.
 *
 *   tsx scripts/lint-actions.ts [ROOT]
 *
 * Exits 1 when any file is invalid (the validator's findings are printed), 2 when none is found.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

const YAML = /\.ya?ml$/;

/** Workflows, example workflows, and action metadata at the root and in each package. */
export function actionFiles(root: string): string[] {
  const inDir = (dir: string, match: (name: string) => boolean) =>
    existsSync(path.join(root, dir))
      ? readdirSync(path.join(root, dir))
          .filter(match)
          .sort()
          .map((name) => path.join(dir, name))
      : [];
  const isAction = (name: string) => name === 'action.yml' || name === 'action.yaml';
  const packages = inDir('packages', () => true);
  return [
    ...inDir('.github/workflows', (name) => YAML.test(name)),
    ...inDir('examples', (name) => YAML.test(name)),
    ...inDir('.', isAction),
    ...packages.flatMap((dir) => inDir(dir, isAction)),
  ];
}

const cli = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@action-validator/cli/package.json')),
  'cli.mjs',
);

const root = path.resolve(process.argv[2] ?? '.');
const files = actionFiles(root);
if (files.length === 0) {
  console.error(`lint-actions: no workflow or action file under ${root}`);
  process.exit(2);
}
/**
 * The schema carried by @action-validator 0.6.0 (the newest published) stops at `node20`, while
 * GitHub's runners dropped Node 20 for `node24` in September 2026. An action on node24 is
 * therefore checked as a copy that says node20, so every other key is still validated; the
 * runtime line itself must be node24, which is checked here.
 */
const NODE24 = /^(\s*using:\s*['"]?)node24(['"]?\s*)$/m;

function validate(file: string): ReturnType<typeof spawnSync> {
  const text = readFileSync(path.join(root, file), 'utf8');
  if (!/^action\.ya?ml$/.test(path.basename(file)) || !NODE24.test(text)) {
    // The CLI takes one file and tells an action from a workflow by its name.
    return spawnSync(process.execPath, [cli, file], { cwd: root, encoding: 'utf8' });
  }
  const directory = mkdtempSync(path.join(tmpdir(), 'ztoq-lint-actions-'));
  try {
    const copy = path.join(directory, path.basename(file));
    writeFileSync(copy, text.replace(NODE24, '$1node20$2'));
    return spawnSync(process.execPath, [cli, copy], { cwd: directory, encoding: 'utf8' });
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

let invalid = 0;
for (const file of files) {
  const run = validate(file);
  // Its note that path globs are not checked by the npm build is noise on every push trigger.
  const findings = `${run.stdout}${run.stderr}`
    .replace(/^WARNING: Glob validation is not yet supported\..*$/gm, '')
    .trim();
  if (run.status === 0) {
    console.log(`ok       ${file}`);
  } else {
    invalid += 1;
    console.log(`invalid  ${file}\n${findings}`);
  }
}
if (invalid > 0) {
  console.error(`lint-actions: ${invalid} of ${files.length} files invalid`);
  process.exit(1);
}
