import { readFile } from 'node:fs/promises';
import { type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
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

/**
 * The first syntax error with its line and column. `JSON.parse` names no position for many
 * errors on Node 20 (an unquoted value, a single quote), so the text is parsed with a parser
 * that always reports an offset, in strict JSON mode: no comments, no trailing commas.
 */
function jsonSyntaxProblem(text: string): string | undefined {
  const errors: ParseError[] = [];
  parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const [first] = errors;
  if (!first) return undefined;
  const before = text.slice(0, first.offset).split('\n');
  const line = before.length;
  const column = (before.at(-1)?.length ?? 0) + 1;
  return `${printParseErrorCode(first.error)} at line ${line}, column ${column}`;
}
