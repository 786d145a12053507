import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as cache from '@actions/cache';

/**
 * Where the state between runs is kept when there is no database server: the Actions cache.
 * A cache entry is immutable, so every run saves under a key of its own and the next run
 * restores the newest entry whose key starts with the prefix.
 */
export interface StateCache {
  /** False outside a runner (no cache service): the caller says so and keeps nothing. */
  available(): boolean;
  /** The key restored, or undefined when no entry matches. */
  restore(paths: string[], key: string, restorePrefixes: string[]): Promise<string | undefined>;
  save(paths: string[], key: string): Promise<void>;
}

/**
 * The toolkit's cache service speaks to GitHub's results service and then to a signed Azure
 * blob URL, which a test on loopback cannot serve. `ZTOQ_ACTION_CACHE_DIR` swaps this one
 * module for a directory that records every entry; a runner never sets it.
 */
export function stateCacheFromEnv(env: NodeJS.ProcessEnv = process.env): StateCache {
  const directory = env.ZTOQ_ACTION_CACHE_DIR;
  return directory ? directoryCache(directory) : actionsCache();
}

function actionsCache(): StateCache {
  return {
    available: () => cache.isFeatureAvailable(),
    restore: (paths, key, prefixes) => cache.restoreCache(paths, key, prefixes),
    async save(paths, key) {
      await cache.saveCache(paths, key);
    },
  };
}

/** Entries as directories `<n>-<key>`; the sequence number stands for the creation time. */
function directoryCache(root: string): StateCache {
  const entries = async () => {
    await mkdir(root, { recursive: true });
    const names = await readdir(root);
    return names
      .map((name) => ({
        name,
        sequence: Number(name.split('-', 1)[0]),
        key: decodeURIComponent(name.replace(/^\d+-/, '')),
      }))
      .sort((a, b) => b.sequence - a.sequence);
  };
  return {
    available: () => true,
    async restore(paths, key, prefixes) {
      const all = await entries();
      const found =
        all.find((entry) => entry.key === key) ??
        all.find((entry) => prefixes.some((prefix) => entry.key.startsWith(prefix)));
      if (!found) return undefined;
      const manifest = JSON.parse(
        await readFile(path.join(root, found.name, 'paths.json'), 'utf8'),
      ) as string[];
      for (const [index, target] of manifest.entries()) {
        if (!paths.includes(target)) continue;
        await rm(target, { recursive: true, force: true });
        await cp(path.join(root, found.name, String(index)), target, { recursive: true });
      }
      return found.key;
    },
    async save(paths, key) {
      const all = await entries();
      // As the real service: an existing key is never overwritten.
      if (all.some((entry) => entry.key === key)) throw new Error(`cache entry ${key} already exists`);
      const directory = path.join(root, `${(all[0]?.sequence ?? 0) + 1}-${encodeURIComponent(key)}`);
      await mkdir(directory, { recursive: true });
      for (const [index, source] of paths.entries()) {
        await cp(source, path.join(directory, String(index)), { recursive: true });
      }
      await writeFile(path.join(directory, 'paths.json'), JSON.stringify(paths));
    },
  };
}
