import { SimHttpError } from '../server/simulator-server.js';

/**
 * The part of qTest's Data Query syntax (`POST …/search`, `query`) the simulator understands:
 *
 *   criterion [and criterion]…     criterion = field operator value
 *
 * `field` is a single word or a quoted name (`'Zephyr Key'`), `operator` is `=` (equals), `~`
 * (contains), `is` with the value `'not empty'` (the spec's `Name is 'not empty'`), or `>` / `<`
 * with an ISO date-time (the spec's `'Execution Start Date' > '2021-05-07T03:15:37.652Z'`);
 * `value` is quoted with ' or ". Anything else — `or`, parentheses, `!~`, `in`, a quote inside a
 * value (the spec gives no escape) — is refused with 400 so that a client never gets a wrong
 * answer to a query the simulator cannot evaluate.
 */
export interface Criterion {
  readonly field: string;
  readonly operator: Operator;
  readonly value: string;
}

const OPERATORS = ['=', '~', 'is', '>', '<'] as const;
type Operator = (typeof OPERATORS)[number];
const isOperator = (text: string): text is Operator => (OPERATORS as readonly string[]).includes(text);

type Token = { kind: 'quoted'; text: string } | { kind: 'word'; text: string };

export function parseQuery(query: string): Criterion[] {
  const tokens = tokenize(query);
  if (tokens.length === 0) return [];
  const criteria: Criterion[] = [];
  let index = 0;
  for (;;) {
    const [field, operator, value] = [tokens[index], tokens[index + 1], tokens[index + 2]];
    if (!field || !operator || !value) refuse(query, 'expected field, operator and quoted value');
    if (operator.kind !== 'word' || !isOperator(operator.text)) {
      refuse(query, `operator "${operator.text}" is not supported (only ${OPERATORS.join(', ')})`);
    }
    if (value.kind !== 'quoted') refuse(query, `value "${value.text}" must be quoted`);
    if (field.kind === 'word' && !/^[A-Za-z0-9_]+$/.test(field.text))
      refuse(query, `field "${field.text}" is not a name`);
    if (operator.text === 'is' && value.text.toLowerCase() !== 'not empty')
      refuse(query, `"is" takes only 'not empty', got '${value.text}'`);
    if ((operator.text === '>' || operator.text === '<') && Number.isNaN(Date.parse(value.text)))
      refuse(query, `"${operator.text}" compares date-times, got '${value.text}'`);
    criteria.push({ field: field.text, operator: operator.text, value: value.text });
    index += 3;
    const joiner = tokens[index];
    if (!joiner) return criteria;
    if (joiner.kind !== 'word' || joiner.text.toLowerCase() !== 'and') {
      refuse(query, `"${joiner.text}" is not supported between criteria (only and)`);
    }
    index += 1;
  }
}

/** Case-insensitive, as qTest's Data Query matches text; the spec does not say. */
export function matches(criterion: Criterion, actual: string): boolean {
  const expected = criterion.value.toLowerCase();
  const value = actual.toLowerCase();
  switch (criterion.operator) {
    case '=':
      return value === expected;
    case '~':
      return value.includes(expected);
    case 'is':
      return value !== '';
    case '>':
    case '<': {
      const [left, right] = [Date.parse(actual), Date.parse(criterion.value)];
      if (Number.isNaN(left)) return false;
      return criterion.operator === '>' ? left > right : left < right;
    }
  }
}

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < query.length) {
    const char = query.charAt(index);
    if (/\s/.test(char)) {
      index += 1;
    } else if (char === '(' || char === ')') {
      refuse(query, 'parentheses are not supported');
    } else if (char === "'" || char === '"') {
      const end = query.indexOf(char, index + 1);
      if (end < 0) refuse(query, `unterminated quote at position ${index}`);
      tokens.push({ kind: 'quoted', text: query.slice(index + 1, end) });
      index = end + 1;
      // `'O'Brien'` would end at the second quote; text glued to a closing quote means that.
      const next = query.charAt(index);
      if (next !== '' && !/[\s()]/.test(next)) refuse(query, `unexpected "${next}" after a quoted text`);
    } else {
      let end = index;
      while (end < query.length && !/[\s'"]/.test(query.charAt(end))) end += 1;
      tokens.push({ kind: 'word', text: query.slice(index, end) });
      index = end;
    }
  }
  return tokens;
}

function refuse(query: string, problem: string): never {
  throw new SimHttpError(400, `The simulator cannot evaluate query "${query}": ${problem}`);
}
