import { DATA_TYPE, type qtestApi } from '@ztoq/core';
import { SimHttpError } from '../server/simulator-server.js';
import type {
  FieldObjectType,
  ProjectState,
  StoredField,
  StoredProperty,
  StoredUser,
} from './qtest-store.js';

type PropertyResource = qtestApi.components['schemas']['PropertyResource'];

// The spec's field type codes (API-NOTES B.5) are one table, shared with the qTest client.
export { DATA_TYPE };

export const DATA_TYPE_CODES: ReadonlySet<number> = new Set(Object.values(DATA_TYPE));
/** Types whose values are allowed values of the field. */
export const PICKLIST_TYPES: ReadonlySet<number> = new Set([
  DATA_TYPE.comboBox,
  DATA_TYPE.checkBox,
  DATA_TYPE.multiSelect,
]);
/** Types that hold several values; the spec requires `multiple=true` for them. */
export const MULTIPLE_TYPES: ReadonlySet<number> = new Set([DATA_TYPE.checkBox, DATA_TYPE.multiSelect]);

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * Checks `properties` of a request against the project's field settings for the object type
 * and returns what to store. Refuses with 400 what qTest would not accept. On `create` the
 * default value of every field left out is added and required fields must have a value; a
 * `partial` set (the run properties a test log carries) holds only what was sent.
 */
export function resolveProperties(
  project: ProjectState,
  objectType: FieldObjectType,
  properties: readonly PropertyResource[],
  users: readonly StoredUser[],
  mode: 'create' | 'partial' = 'create',
): StoredProperty[] {
  const fields = project.fieldsOf(objectType).filter((field) => field.isActive);
  const stored = new Map<number, string>();
  properties.forEach((property, index) => {
    const where = `properties[${index}]`;
    const field = fields.find((candidate) => candidate.id === property.field_id);
    if (!field) {
      throw new SimHttpError(
        400,
        `${where}: field_id ${property.field_id} is not an active ${objectType} field of project ${project.id}`,
      );
    }
    if (stored.has(field.id)) throw new SimHttpError(400, `${where}: field "${field.label}" is given twice`);
    const value = property.field_value ?? '';
    if (value !== '') checkValue(field, value, users, where);
    stored.set(field.id, value);
  });

  for (const field of mode === 'create' ? fields : []) {
    if (!stored.has(field.id) && field.defaultValue !== undefined) stored.set(field.id, field.defaultValue);
    // A required field is satisfied by its default value, as in qTest's forms; the spec does
    // not say whether the API applies defaults before checking.
    if (field.required && (stored.get(field.id) ?? '') === '') {
      throw new SimHttpError(
        400,
        `properties: required field "${field.label}" (field_id ${field.id}) has no value`,
      );
    }
  }
  return [...stored].filter(([, value]) => value !== '').map(([fieldId, value]) => ({ fieldId, value }));
}

function checkValue(field: StoredField, value: string, users: readonly StoredUser[], where: string): void {
  const refuse = (expected: string): never => {
    throw new SimHttpError(
      400,
      `${where}: field_value "${value}" is not valid for field "${field.label}" (data_type ${field.dataType}): ${expected}`,
    );
  };
  switch (field.dataType) {
    case DATA_TYPE.comboBox:
      if (!isAllowedValue(field, value))
        refuse(`expected the value of one of its allowed values (${allowedList(field)})`);
      return;
    case DATA_TYPE.checkBox:
    case DATA_TYPE.multiSelect: {
      // The spec does not say how several values travel in one string; the simulator takes a
      // JSON array of allowed value ids, `[1,2]`, and refuses anything else.
      const ids = parseIdArray(value);
      if (!ids?.every((id) => isAllowedValue(field, String(id)))) {
        refuse(`expected a JSON array of allowed value ids like "[1,2]" (${allowedList(field)})`);
      }
      return;
    }
    case DATA_TYPE.userList:
      if (!users.some((user) => String(user.id) === value)) refuse('expected the id of a user of the site');
      return;
    case DATA_TYPE.number:
      if (!Number.isFinite(Number(value)) || value.trim() === '') refuse('expected a number');
      return;
    case DATA_TYPE.datePicker:
    case DATA_TYPE.dateTimePicker:
      // The date encoding is not stated; qTest answers dates as ISO date-times, so that is what
      // the simulator takes.
      if (!ISO_DATE_TIME.test(value) || Number.isNaN(Date.parse(value))) {
        refuse('expected an ISO 8601 date-time such as 2024-01-31T00:00:00.000Z');
      }
      return;
    default:
      return;
  }
}

function isAllowedValue(field: StoredField, value: string): boolean {
  return field.allowedValues.some((allowed) => allowed.isActive && String(allowed.value) === value);
}

function allowedList(field: StoredField): string {
  return field.allowedValues
    .filter((allowed) => allowed.isActive)
    .map((allowed) => `${allowed.value} ${allowed.label}`)
    .join(', ');
}

function parseIdArray(value: string): number[] | undefined {
  try {
    const parsed: unknown = JSON.parse(value);
    if (Array.isArray(parsed) && parsed.every((id) => Number.isInteger(id))) return parsed as number[];
  } catch {
    // Not JSON: refused by the caller.
  }
  return undefined;
}

/** The label a value shows in qTest: the allowed value's or user's name, else the value itself. */
export function valueName(field: StoredField, value: string, users: readonly StoredUser[]): string {
  if (field.dataType === DATA_TYPE.userList) {
    const user = users.find((candidate) => String(candidate.id) === value);
    return user ? `${user.firstName} ${user.lastName}`.trim() : value;
  }
  if (!PICKLIST_TYPES.has(field.dataType)) return value;
  const ids = MULTIPLE_TYPES.has(field.dataType) ? (parseIdArray(value) ?? []).map(String) : [value];
  return ids
    .map((id) => field.allowedValues.find((allowed) => String(allowed.value) === id)?.label ?? id)
    .join(', ');
}

/** The allowed values a user list offers: the site's users. */
export function userListValues(users: readonly StoredUser[]) {
  return users.map((user, index) => ({
    value: user.id,
    label: `${user.firstName} ${user.lastName}`.trim(),
    order: index + 1,
    isDefault: false,
    isActive: true,
  }));
}
