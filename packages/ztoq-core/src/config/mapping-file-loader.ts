import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import type { MappingFile } from '../model/mapping-file.js';

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
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError([`${fileName}: not valid JSON (${jsonSyntaxProblem(text, error)})`]);
  }
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

/** `$.executionStatus["In Review"]`, the form users can search for in their file. */
function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (text, key) =>
      typeof key === 'number'
        ? `${text}[${key}]`
        : /^[A-Za-z_$][\w$]*$/.test(String(key))
          ? `${text}.${String(key)}`
          : `${text}[${JSON.stringify(String(key))}]`,
    '$',
  );
}

/** Node reports a character offset; people look for a line and column. */
function jsonSyntaxProblem(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(message);
  if (!position) return message;
  const offset = Number(position[1]);
  const before = text.slice(0, offset).split('\n');
  const line = before.length;
  const column = (before.at(-1)?.length ?? 0) + 1;
  return `${message.replace(/ in JSON at position \d+.*$/, '').replace(/ at position \d+.*$/, '')} at line ${line}, column ${column}`;
}
