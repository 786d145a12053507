import { copyFile, mkdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'tsup';

/**
 * Builds the published GitHub Action: `dist/index.js` at the repository root, one ESM file with
 * every dependency inlined, so `uses: <owner>/ztoq@v1` runs from a bare checkout with no install
 * step. PGlite loads its wasm and data files relative to its own module, which after bundling
 * is `dist/index.js`, so they are copied beside it. A new embedded store's initdb runs in a
 * process of its own (packages/ztoq-core/src/store/pglite-initdb.js), which the store starts
 * from the file beside its module: that script is bundled beside it too, PGlite inlined.
 *
 * The output must be byte-for-byte reproducible (`check:dist` compares a fresh build with the
 * committed one): no source maps (they embed absolute paths), no code splitting (chunk names
 * would be hashes), no banner with a date.
 *
 *   tsx scripts/build-action.ts [--out-dir DIR]
 */
const root = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const actionPackage = path.join(root, 'packages/ztoq-action');

/** The PGlite files its runtime fetches with `new URL('./…', import.meta.url)`. */
const PGLITE_ASSETS = ['pglite.wasm', 'pglite.data', 'initdb.wasm'];
/** Named as in the sources, where the store looks for it beside its own module. */
const INITDB_SCRIPT = path.join(root, 'packages/ztoq-core/src/store/pglite-initdb.js');

export async function buildAction(outDir: string): Promise<void> {
  await bundleSelfContained(path.join(actionPackage, 'src/action-entry.ts'), outDir);
}

/**
 * `entry` as `OUT_DIR/index.js` with everything it needs beside it and nothing outside: the
 * action, and the benchmark that measures the store as the action runs it.
 */
export async function bundleSelfContained(entry: string, outDir: string): Promise<void> {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  await build({
    config: false,
    // Without code splitting each entry is a whole program: PGlite is in both.
    entry: { index: entry, 'pglite-initdb': INITDB_SCRIPT },
    outDir,
    format: ['esm'],
    // Runners run Node 24 and tests run Node 20: Node 20 syntax runs on both.
    target: 'node20',
    platform: 'node',
    splitting: false,
    sourcemap: false,
    dts: false,
    clean: false,
    silent: true,
    // Everything inlined, the workspace packages from source (their `ztoq-source` condition).
    noExternal: [/.*/],
    outExtension: () => ({ js: '.js' }),
    esbuildOptions(options) {
      options.conditions = ['ztoq-source', 'node', 'import'];
      options.absWorkingDir = root;
      options.legalComments = 'none';
      options.charset = 'utf8';
      // CommonJS dependencies (pg, nodemailer, the toolkit's HTTP client) call require() and
      // read __dirname, neither of which an ES module has.
      options.banner = {
        js: [
          "import { createRequire as __ztoqCreateRequire } from 'node:module';",
          "import { fileURLToPath as __ztoqFileURLToPath } from 'node:url';",
          "import { dirname as __ztoqDirname } from 'node:path';",
          'const require = __ztoqCreateRequire(import.meta.url);',
          'const __filename = __ztoqFileURLToPath(import.meta.url);',
          'const __dirname = __ztoqDirname(__filename);',
        ].join('\n'),
      };
    },
  });
  const requireFromCore = createRequire(path.join(root, 'packages/ztoq-core/package.json'));
  const pgliteDist = path.dirname(requireFromCore.resolve('@electric-sql/pglite'));
  for (const asset of PGLITE_ASSETS) await copyFile(path.join(pgliteDist, asset), path.join(outDir, asset));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const flag = process.argv.indexOf('--out-dir');
  const outDir = path.resolve(flag >= 0 ? (process.argv[flag + 1] ?? 'dist') : path.join(root, 'dist'));
  await buildAction(outDir);
}
