import { cp, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { DefaultArtifactClient } from '@actions/artifact';

export interface ReportUploader {
  upload(name: string, directory: string): Promise<void>;
}

/**
 * Uploads a report directory as one workflow artifact. As with the cache, the toolkit's upload
 * goes to a signed blob URL a loopback test cannot serve; `ZTOQ_ACTION_ARTIFACT_DIR` swaps this
 * one module for a directory that records each artifact under its name. A runner never sets it.
 */
export function reportUploaderFromEnv(env: NodeJS.ProcessEnv = process.env): ReportUploader {
  const recordTo = env.ZTOQ_ACTION_ARTIFACT_DIR;
  if (recordTo) {
    return {
      async upload(name, directory) {
        await mkdir(recordTo, { recursive: true });
        await cp(directory, path.join(recordTo, name), { recursive: true, errorOnExist: true, force: false });
      },
    };
  }
  return {
    async upload(name, directory) {
      const files = await filesUnder(directory);
      if (files.length === 0) return;
      await new DefaultArtifactClient().uploadArtifact(name, files, directory);
    },
  };
}

async function filesUnder(directory: string): Promise<string[]> {
  const found = await readdir(directory, { recursive: true, withFileTypes: true });
  return found.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}
