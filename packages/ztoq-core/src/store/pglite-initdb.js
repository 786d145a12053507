// Run by `initialiseDataDirectory` (pglite-data-directory.ts) in a process of its own:
//   node pglite-initdb.js DIRECTORY [INITDB-ARGUMENT…]
// Creating a PGlite database runs initdb, whose peak memory (two PostgreSQL instances and
// initdb's own WebAssembly at once) is several times what the opened store needs. In a short
// process that peak is returned to the system when it exits, instead of staying the peak of the
// process that then runs the migration. Plain JavaScript, not TypeScript: the same file runs
// from the sources, from the package's dist/ and, bundled, from the action's dist/.
import { PGlite } from '@electric-sql/pglite';

const [directory, ...initDbArguments] = process.argv.slice(2);
try {
  if (!directory) throw new Error('usage: pglite-initdb.js DIRECTORY [INITDB-ARGUMENT…]');
  const pglite = new PGlite(directory, { initDbStartParams: initDbArguments });
  await pglite.waitReady;
  await pglite.close();
} catch (error) {
  // The last line of stderr is the failure, as JSON, for the opening process to report.
  const failure =
    error instanceof Error ? { message: error.message, code: error.code } : { message: String(error) };
  process.stderr.write(`\n${JSON.stringify(failure)}\n`);
  process.exitCode = 1;
}
