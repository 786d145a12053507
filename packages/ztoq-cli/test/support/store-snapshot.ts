import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Every file under a store directory with its size and modification time. Equal snapshots
 * taken before and after a command mean the command never opened the store: PGlite writes its
 * control file and a pid file whenever it starts.
 */
export async function storeSnapshot(directory: string): Promise<Record<string, string>> {
  const snapshot: Record<string, string> = {};
  for (const entry of await readdir(directory, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const { size, mtimeMs } = await stat(file);
    snapshot[path.relative(directory, file)] = `${size}@${mtimeMs}`;
  }
  return snapshot;
}
