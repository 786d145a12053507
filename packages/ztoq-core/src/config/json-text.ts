import { type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';

/**
 * The first syntax error with its line and column. `JSON.parse` names no position for many
 * errors on Node 20 (an unquoted value, a single quote), so the text is parsed with a parser
 * that always reports an offset, in strict JSON mode: no comments, no trailing commas.
 */
export function jsonSyntaxProblem(text: string): string | undefined {
  const errors: ParseError[] = [];
  parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const [first] = errors;
  if (!first) return undefined;
  const before = text.slice(0, first.offset).split('\n');
  const line = before.length;
  const column = (before.at(-1)?.length ?? 0) + 1;
  return `${printParseErrorCode(first.error)} at line ${line}, column ${column}`;
}

/** `$.executionStatus["In Review"]`, the form users can search for in their file. */
export function jsonPath(path: readonly PropertyKey[]): string {
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
