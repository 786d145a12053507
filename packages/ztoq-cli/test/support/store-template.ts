import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliProcess } from '../cli-harness.js';

const coreRoot = fileURLToPath(new URL('../../../ztoq-core/', import.meta.url));

/**
 * Puts an empty, fully migrated PGlite store at `directory`. Creating one runs initdb inside
 * WebAssembly (about ten seconds of CPU); copying one takes milliseconds. So the first test to
 * need a store makes a template with `ztoq db migrate` and every later one, in any test file
 * and any later test run, copies it. The template's name carries a hash of the schema
 * migrations and the PGlite version, so a schema change or an upgrade makes a new one.
 */
export async function createEmptyStore(directory: string): Promise<void> {
  await cp(await storeTemplate(), directory, { recursive: true });
}

async function storeTemplate(): Promise<string> {
  const template = path.join(tmpdir(), `ztoq-cli-test-store-${await schemaFingerprint()}`);
  if (existsSync(template)) return template;
  const building = await mkdtemp(`${template}.building-`);
  try {
    const made = await cliProcess(
      ['db', 'migrate'],
      { PATH: process.env.PATH, ZTOQ_DATABASE_URL: `file:${building}` },
      building,
    );
    if (made.code !== 0) throw new Error(`ztoq db migrate failed: ${made.stderr}`);
    // Another test file may have finished its template first; either copy is as good.
    await rename(building, template).catch((error: NodeJS.ErrnoException) => {
      if (!existsSync(template)) throw error;
    });
  } finally {
    await rm(building, { recursive: true, force: true });
  }
  return template;
}

async function schemaFingerprint(): Promise<string> {
  const hash = createHash('sha256');
  const migrations = path.join(coreRoot, 'src/store/migrations');
  for (const name of (await readdir(migrations)).sort()) {
    hash.update(name).update(await readFile(path.join(migrations, name)));
  }
  hash.update(await readFile(path.join(coreRoot, 'node_modules/@electric-sql/pglite/package.json')));
  return hash.digest('hex').slice(0, 16);
}
