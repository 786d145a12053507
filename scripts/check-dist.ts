import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAction } from './build-action.js';

/**
 * The committed `dist/` is what `uses: <owner>/ztoq@v1` runs, so it must be exactly what the
 * sources build to: rebuild into a temporary directory and compare file by file, as
 * actions/typescript-action's check-dist job does.
 */
const root = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const committed = path.join(root, 'dist');
const fresh = await mkdtemp(path.join(tmpdir(), 'ztoq-check-dist-'));
try {
  await buildAction(fresh);
  const problems = await differences(committed, fresh);
  if (problems.length > 0) {
    console.error(
      `dist/ does not match a fresh build of packages/ztoq-action (${problems.join('; ')}); ` +
        'run `pnpm build:action` and commit dist/',
    );
    process.exitCode = 1;
  } else {
    console.log('dist/ matches a fresh build');
  }
} finally {
  await rm(fresh, { recursive: true, force: true });
}

async function differences(expectedDir: string, actualDir: string): Promise<string[]> {
  const list = async (dir: string) => (await readdir(dir).catch(() => [] as string[])).sort();
  const [committedFiles, builtFiles] = await Promise.all([list(expectedDir), list(actualDir)]);
  const problems: string[] = [];
  for (const name of builtFiles) {
    if (!committedFiles.includes(name)) {
      problems.push(`dist/${name} is missing`);
      continue;
    }
    const [a, b] = await Promise.all([
      readFile(path.join(expectedDir, name)),
      readFile(path.join(actualDir, name)),
    ]);
    if (!a.equals(b)) problems.push(`dist/${name} differs`);
  }
  for (const name of committedFiles) if (!builtFiles.includes(name)) problems.push(`dist/${name} is extra`);
  return problems;
}
