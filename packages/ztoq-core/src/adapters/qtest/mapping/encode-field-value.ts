import type { CustomFieldValue } from '../../../model/canonical.js';
import type { LossyKind } from '../../../ports/target.js';
import type { QTestAllowedValue, QTestFieldTarget } from '../qtest-context.js';
import { DATA_TYPE } from './data-types.js';
import { NO, YES } from './field-labels.js';
import { findByName } from './find-by-name.js';
import { breaksToNewlines } from './html.js';

export interface EncodedValue {
  /** The `field_value` to send; absent when nothing of the value can be carried. */
  value?: string;
  /** What could not be carried, for the caller's lossy note. */
  lost?: { kind: LossyKind; detail: string };
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/**
 * A source value as the `field_value` string of a qTest field of the given type. The encodings
 * qTest leaves unstated follow what its UI sends and the simulator accepts: a JSON array of
 * allowed value ids for multi-value fields (`[12,13]`), the allowed value id for a combo box,
 * an ISO date-time at midnight UTC for a date, a user id for a user list. A field reused from
 * the project may have another type than the one ztoq would create; values are converted to
 * whatever type it has, and what does not convert is reported, never guessed.
 */
export function encodeFieldValue(
  value: Exclude<CustomFieldValue, null>,
  target: QTestFieldTarget,
  usersMap: Readonly<Record<string, number>>,
): EncodedValue {
  switch (target.dataType) {
    case DATA_TYPE.textBox:
    case DATA_TYPE.textArea:
    case DATA_TYPE.url:
      return { value: breaksToNewlines(asText(value)) };
    case DATA_TYPE.number:
      return encodeNumber(value);
    case DATA_TYPE.comboBox:
      return encodeCombo(value, target.allowedValues);
    case DATA_TYPE.checkBox:
    case DATA_TYPE.multiSelect:
      return encodeMultiple(value, target.allowedValues);
    case DATA_TYPE.datePicker:
    case DATA_TYPE.dateTimePicker:
      return encodeDate(value);
    case DATA_TYPE.userList:
      return encodeUser(value, usersMap);
    default:
      // Rich text and types ztoq does not know take the text as it is.
      return { value: asText(value) };
  }
}

/** A value as one line of text: lists comma-separated, booleans as qTest's Yes/No. */
export function asText(value: Exclude<CustomFieldValue, null>): string {
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'boolean') return value ? YES : NO;
  return String(value);
}

function encodeNumber(value: Exclude<CustomFieldValue, null>): EncodedValue {
  if (typeof value === 'number' && Number.isFinite(value)) return { value: String(value) };
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
    return { value: value.trim() };
  }
  return { lost: { kind: 'unmapped-value', detail: `"${asText(value)}" is not a number` } };
}

function encodeCombo(
  value: Exclude<CustomFieldValue, null>,
  allowed: readonly QTestAllowedValue[],
): EncodedValue {
  const labels = Array.isArray(value) ? value : [asText(value)];
  const [first, ...rest] = labels;
  if (first === undefined) return {};
  const match = findAllowed(allowed, first);
  const lostLabels = [...(match === undefined ? [first] : []), ...rest];
  return {
    ...(match === undefined ? {} : { value: String(match.value) }),
    ...(lostLabels.length === 0 ? {} : { lost: notAllowed(lostLabels, rest.length > 0) }),
  };
}

function encodeMultiple(
  value: Exclude<CustomFieldValue, null>,
  allowed: readonly QTestAllowedValue[],
): EncodedValue {
  const labels = Array.isArray(value) ? value : [asText(value)];
  const ids: number[] = [];
  const missing: string[] = [];
  for (const label of labels) {
    const match = findAllowed(allowed, label);
    if (match === undefined) missing.push(label);
    else if (!ids.includes(match.value)) ids.push(match.value);
  }
  return {
    ...(ids.length === 0 ? {} : { value: JSON.stringify(ids) }),
    ...(missing.length === 0 ? {} : { lost: notAllowed(missing, false) }),
  };
}

function encodeDate(value: Exclude<CustomFieldValue, null>): EncodedValue {
  if (typeof value === 'string' && DATE_ONLY.test(value)) return { value: `${value}T00:00:00.000Z` };
  if (typeof value === 'string' && DATE_TIME.test(value)) return { value };
  return { lost: { kind: 'unmapped-value', detail: `"${asText(value)}" is not a date` } };
}

function encodeUser(
  value: Exclude<CustomFieldValue, null>,
  usersMap: Readonly<Record<string, number>>,
): EncodedValue {
  const accountId = Array.isArray(value) ? value[0] : asText(value);
  if (accountId !== undefined && Object.hasOwn(usersMap, accountId)) {
    return { value: String(usersMap[accountId]) };
  }
  return {
    lost: { kind: 'unmapped-user', detail: `user ${asText(value)} has no qTest user in the mapping file` },
  };
}

function findAllowed(allowed: readonly QTestAllowedValue[], label: string): QTestAllowedValue | undefined {
  return findByName(allowed, label, (candidate) => candidate.label);
}

function notAllowed(labels: readonly string[], tooMany: boolean): EncodedValue['lost'] {
  const quoted = labels.map((label) => `"${label}"`).join(', ');
  return {
    kind: 'unmapped-value',
    detail: tooMany
      ? `a combo box holds one value; ${quoted} not carried`
      : `${quoted} ${labels.length === 1 ? 'is not an allowed value' : 'are not allowed values'} of the qTest field`,
  };
}
