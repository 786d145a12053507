import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import type { MappingFile } from '../model/mapping-file.js';
import { jsonPath, jsonSyntaxProblem } from './json-text.js';

const nameMap = z.record(z.string().min(1), z.string().min(1));

/** Unknown keys are refused: a typo such as `executionStatuses` must not be ignored silently. */
const mappingFileSchema = z.strictObject({
  $schema: z.string().optional(),
  testCasePriority: nameMap.optional(),
  testCaseStatus: nameMap.optional(),
  executionStatus: nameMap.optional(),
  users: z.record(z.string().min(1), z.union([z.string().min(1), z.number().int().positive()])).optional(),
  testCaseFields: z.record(z.string().min(1), z.string().min(1).nullable()).optional(),
  fieldDefaults: z.partialRecord(z.enum(['test-cases', 'test-runs', 'releases']), nameMap).optional(),
});

/** Parses a mapping file's text; every problem is reported at once, with its JSON path or line. */
export function parseMappingFile(text: string, fileName = 'mapping file'): MappingFile {
  const syntax = jsonSyntaxProblem(text);
  if (syntax) throw new ConfigError([`${fileName}: not valid JSON (${syntax})`]);
  const json: unknown = JSON.parse(text);
  const parsed = mappingFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${fileName}: ${jsonPath(issue.path)}: ${issue.message}`),
    );
  }
  const { $schema: _schema, ...mapping } = parsed.data;
  return mapping as MappingFile;
}

export async function readMappingFile(path: string): Promise<MappingFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ConfigError([`mapping file ${path} cannot be read (${code}); check --mapping`]);
  }
  return parseMappingFile(text, path);
}
