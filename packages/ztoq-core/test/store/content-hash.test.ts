import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chunkForParameters, MAX_BIND_PARAMETERS } from '../../src/store/batching.js';
import { canonicalJson, contentHash } from '../../src/store/index.js';

describe('canonicalJson', () => {
  it('sorts object keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1], c: null } })).toBe('{"a":{"c":null,"d":[3,1]},"b":1}');
  });

  it('follows JSON.stringify for values JSON cannot hold', () => {
    const when = new Date('2024-01-02T03:04:05.000Z');
    expect(canonicalJson({ gone: undefined, fn: () => 1, when, list: [undefined, Number.NaN] })).toBe(
      '{"list":[null,null],"when":"2024-01-02T03:04:05.000Z"}',
    );
    expect(canonicalJson('text "quoted"')).toBe('"text \\"quoted\\""');
  });

  it('refuses values that have no JSON form', () => {
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
    expect(() => canonicalJson({ id: 1n })).toThrow(/bigint/);
  });
});

describe('contentHash', () => {
  it('is the sha256 of the canonical JSON, equal for equal content in any key order', () => {
    const expected = createHash('sha256').update('{"a":1,"b":[true]}').digest('hex');
    expect(contentHash({ a: 1, b: [true] })).toBe(expected);
    expect(contentHash({ b: [true], a: 1 })).toBe(expected);
    expect(contentHash({ a: 1, b: [false] })).not.toBe(expected);
  });
});

describe('chunkForParameters', () => {
  it('keeps each statement within the bind parameter limit', () => {
    const rows = Array.from({ length: 14_000 }, (_, index) => index);
    const chunks = chunkForParameters(rows, 5);
    expect(chunks.map((chunk) => chunk.length)).toEqual([13_107, 893]);
    for (const chunk of chunks) expect(chunk.length * 5).toBeLessThanOrEqual(MAX_BIND_PARAMETERS);
    expect(chunks.flat()).toEqual(rows);
  });

  it('returns no chunks for no rows', () => {
    expect(chunkForParameters([], 7)).toEqual([]);
  });
});
