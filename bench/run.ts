/**
 * `pnpm bench [name…]`: runs the benchmarks (all by default), writes each result as JSON
 * under bench-results/, and exits 1 when any misses its target. Speed and memory targets are
 * proven here, never by timed assertions in tests.
 */
import { largeDatasetMemory } from './large-dataset-memory.js';
import { migrationDemo } from './migration-demo.js';
import { rateLimited } from './rate-limited.js';
import { rerun } from './rerun.js';
import { simulatorThroughput } from './simulator-throughput.js';
import { storeFirstOpen } from './store-first-open.js';
import { type BenchResult, writeResult } from './support.js';

const benchmarks: Record<string, () => Promise<BenchResult>> = {
  'simulator-throughput': simulatorThroughput,
  'large-dataset-memory': largeDatasetMemory,
  'migration-demo': migrationDemo,
  rerun,
  'rate-limited': rateLimited,
  'store-first-open': storeFirstOpen,
};

const requested = process.argv.slice(2);
const unknown = requested.filter((name) => !(name in benchmarks));
if (unknown.length > 0) {
  console.error(
    `bench: unknown benchmark(s) ${unknown.join(', ')}; known: ${Object.keys(benchmarks).join(', ')}`,
  );
  process.exit(2);
}
let failed = false;
for (const name of requested.length > 0 ? requested : Object.keys(benchmarks)) {
  const result = await benchmarks[name]!();
  await writeResult(result);
  failed ||= !result.passed;
}
process.exitCode = failed ? 1 : 0;
