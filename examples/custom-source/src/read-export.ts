import { readFile } from 'node:fs/promises';
import { ExitCode, ZtoqError } from '@ztoq/core';
import type { ShopExport } from './export-format.js';

const LISTS = ['people', 'environments', 'suites', 'cases', 'campaigns', 'runs'] as const;

/**
 * Reads a ShopQA export. Only the envelope is checked: the file comes from ShopQA's own
 * exporter, so a wrong path or an export of another format version is the likely mistake, and
 * the message should say which. A missing file is a usage error (exit code 2), like a bad flag.
 */
export async function readShopExport(path: string): Promise<ShopExport> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ZtoqError(
      `cannot read the ShopQA export ${path}: ${(error as Error).message}`,
      ExitCode.usage,
      {
        cause: error,
      },
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ZtoqError(
      `the ShopQA export ${path} is not JSON: ${(error as Error).message}`,
      ExitCode.usage,
      {
        cause: error,
      },
    );
  }
  const problems = envelopeProblems(parsed);
  if (problems.length > 0) {
    throw new ZtoqError(`the ShopQA export ${path} cannot be read: ${problems.join('; ')}`, ExitCode.usage);
  }
  return parsed as ShopExport;
}

function envelopeProblems(parsed: unknown): string[] {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return ['it is not an object'];
  const file = parsed as Record<string, unknown>;
  if (file.formatVersion !== 1) {
    return [`formatVersion is ${JSON.stringify(file.formatVersion)}, this source reads version 1`];
  }
  const problems: string[] = [];
  if (typeof file.exportedAt !== 'string') problems.push('exportedAt is missing');
  const project = file.project as Record<string, unknown> | undefined;
  if (typeof project?.key !== 'string') problems.push('project.key is missing');
  for (const list of LISTS) if (!Array.isArray(file[list])) problems.push(`${list} is not a list`);
  return problems;
}
