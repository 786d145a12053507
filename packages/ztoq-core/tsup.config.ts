import { copyFile } from 'node:fs/promises';
import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  target: 'node20',
  dts: true,
  clean: true,
  sourcemap: true,
  // A new embedded store's initdb runs this script in a process of its own; the store looks
  // for it beside its module, which in the package is dist/index.js. It imports PGlite from the
  // package's dependencies, so it is copied, not bundled.
  onSuccess: () => copyFile('src/store/pglite-initdb.js', 'dist/pglite-initdb.js'),
});
