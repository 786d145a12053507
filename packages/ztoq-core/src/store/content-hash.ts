import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted, so equal content always gives equal text (and hash) however
 * the vendor happened to order its fields. Follows `JSON.stringify` otherwise: `toJSON` is
 * honoured, `undefined` and functions are dropped from objects and become `null` in arrays.
 */
export function canonicalJson(value: unknown): string {
  const text = canonicalText(value);
  if (text === undefined) throw new TypeError('a payload must be a JSON value, not undefined or a function');
  return text;
}

function canonicalText(value: unknown): string | undefined {
  if (
    value !== null &&
    typeof value === 'object' &&
    'toJSON' in value &&
    typeof value.toJSON === 'function'
  ) {
    return canonicalText(value.toJSON());
  }
  if (typeof value === 'bigint') {
    throw new TypeError('a payload cannot hold a bigint; convert it to a string first');
  }
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    return `[${value.map((item) => canonicalText(item) ?? 'null').join(',')}]`;
  }
  const members: string[] = [];
  for (const key of Object.keys(value).sort()) {
    const member = canonicalText((value as Record<string, unknown>)[key]);
    if (member !== undefined) members.push(`${JSON.stringify(key)}:${member}`);
  }
  return `{${members.join(',')}}`;
}

/** sha256 (hex) of the canonical JSON text. */
export function hashCanonicalJson(canonical: string): string {
  return createHash('sha256').update(canonical).digest('hex');
}

export function contentHash(value: unknown): string {
  return hashCanonicalJson(canonicalJson(value));
}
