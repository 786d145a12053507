import { describe, expect, it } from 'vitest';
import { encodeFieldValue } from '../../../../src/adapters/qtest/mapping/encode-field-value.js';
import type { QTestFieldTarget } from '../../../../src/adapters/qtest/qtest-context.js';

const target = (dataType: number, labels: string[] = []): QTestFieldTarget => ({
  fieldId: 1,
  dataType,
  allowedValues: labels.map((label, index) => ({ value: 100 + index, label })),
});
const users = { 'acc-ada': 7 };

describe('encodeFieldValue', () => {
  it('writes text for text fields, with <br> as newlines and lists comma-separated', () => {
    expect(encodeFieldValue('a<br>b<BR/>c', target(1), users)).toEqual({ value: 'a\nb\nc' });
    expect(encodeFieldValue(['x', 'y'], target(2), users)).toEqual({ value: 'x, y' });
    expect(encodeFieldValue(false, target(12), users)).toEqual({ value: 'No' });
    expect(encodeFieldValue('<b>kept</b><br>', target(6), users)).toEqual({ value: '<b>kept</b><br>' });
  });

  it('writes numbers and refuses what is not one', () => {
    expect(encodeFieldValue(2.5, target(7), users)).toEqual({ value: '2.5' });
    expect(encodeFieldValue(' 42 ', target(7), users)).toEqual({ value: '42' });
    expect(encodeFieldValue(true, target(7), users).lost?.detail).toBe('"Yes" is not a number');
  });

  it('writes a combo box as one allowed value id and reports extra or unknown values', () => {
    const combo = target(3, ['Yes', 'No', 'Web']);
    expect(encodeFieldValue(true, combo, users)).toEqual({ value: '100' });
    expect(encodeFieldValue('web', combo, users)).toEqual({ value: '102' });
    expect(encodeFieldValue(['Web', 'iOS'], combo, users)).toEqual({
      value: '102',
      lost: { kind: 'unmapped-value', detail: 'a combo box holds one value; "iOS" not carried' },
    });
    expect(encodeFieldValue('Android', combo, users)).toEqual({
      lost: { kind: 'unmapped-value', detail: '"Android" is not an allowed value of the qTest field' },
    });
    expect(encodeFieldValue([], combo, users)).toEqual({});
  });

  it('writes multi-value fields as a JSON array of distinct ids, keeping the known ones', () => {
    const multi = target(17, ['Web', 'iOS']);
    expect(encodeFieldValue(['iOS', 'Web', 'web'], multi, users)).toEqual({ value: '[101,100]' });
    expect(encodeFieldValue('Web', target(8, ['Web']), users)).toEqual({ value: '[100]' });
    expect(encodeFieldValue(['Web', 'A', 'B'], multi, users)).toEqual({
      value: '[100]',
      lost: { kind: 'unmapped-value', detail: '"A", "B" are not allowed values of the qTest field' },
    });
  });

  it('writes dates at midnight UTC, keeps date-times and refuses anything else', () => {
    expect(encodeFieldValue('2025-03-04', target(4), users)).toEqual({ value: '2025-03-04T00:00:00.000Z' });
    expect(encodeFieldValue('2025-03-04T10:11:12Z', target(9), users)).toEqual({
      value: '2025-03-04T10:11:12Z',
    });
    expect(encodeFieldValue('next week', target(4), users).lost?.kind).toBe('unmapped-value');
  });

  it('writes a user list as the mapped qTest user id', () => {
    expect(encodeFieldValue('acc-ada', target(5), users)).toEqual({ value: '7' });
    expect(encodeFieldValue('acc-bob', target(5), users)).toEqual({
      lost: { kind: 'unmapped-user', detail: 'user acc-bob has no qTest user in the mapping file' },
    });
  });
});
