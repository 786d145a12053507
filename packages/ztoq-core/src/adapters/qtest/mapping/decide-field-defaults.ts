import type { MappingFile } from '../../../model/mapping-file.js';
import type { PreflightProblem } from '../../../ports/target.js';
import type { QTestContext, QTestField, QTestFieldObjectType, QTestSettings } from '../qtest-context.js';
import { DATA_TYPE, isMultiValued, isPickList } from './data-types.js';
import { encodeFieldValue } from './encode-field-value.js';
import { findByName } from './find-by-name.js';
import { findField } from './find-field.js';
import { findUser } from './find-user.js';
import { mappingKey } from './mapping-key.js';

const OBJECT_TYPES: readonly QTestFieldObjectType[] = ['test-cases', 'test-runs', 'releases'];

/**
 * Values for fields nothing in the source fills. Every `fieldDefaults` entry is resolved to the
 * `field_value` qTest takes (a pick list's value may be given by label or id, a user by
 * username, e-mail or id); the mapper sends it wherever the entity has no value of its own. A
 * required field without a default value in qTest, that the mapping does not always fill and
 * that the mapping file gives no value, would make every create fail: that is a problem.
 */
export function decideFieldDefaults(
  settings: QTestSettings,
  mapping: MappingFile,
  alwaysFilled: Readonly<Record<QTestFieldObjectType, ReadonlySet<number>>>,
): { fieldDefaults: QTestContext['fieldDefaults']; problems: PreflightProblem[] } {
  const fieldDefaults: QTestContext['fieldDefaults'] = { 'test-cases': [], 'test-runs': [], releases: [] };
  const problems: PreflightProblem[] = [];
  const entriesByType = mapping.fieldDefaults ?? {};

  for (const objectType of Object.keys(entriesByType)) {
    if (OBJECT_TYPES.includes(objectType as QTestFieldObjectType)) continue;
    problems.push({
      kind: 'fieldDefault',
      value: objectType,
      mappingKey: mappingKey('fieldDefaults', objectType),
      message: `The mapping file gives field defaults for "${objectType}"; ztoq fills fields of ${OBJECT_TYPES.join(', ')} only.`,
    });
  }

  for (const objectType of OBJECT_TYPES) {
    const entries = Object.hasOwn(entriesByType, objectType) ? (entriesByType[objectType] ?? {}) : {};
    const given = new Set<number>();
    for (const [label, text] of Object.entries(entries)) {
      const key = mappingKey('fieldDefaults', objectType, label);
      const field = findField(settings, objectType, label);
      if (field === undefined) {
        problems.push({
          kind: 'fieldDefault',
          value: label,
          mappingKey: key,
          message: `The mapping file sets ${key}, but qTest has no ${objectType} field "${label}".`,
        });
        continue;
      }
      const value = encodeDefault(text, field, settings);
      if (value === undefined) {
        const choices = field.allowedValues.map((allowed) => allowed.label).join(', ');
        problems.push({
          kind: 'fieldDefault',
          value: label,
          mappingKey: key,
          message: `The mapping file sets ${key} to "${text}", which the qTest field cannot take${choices === '' ? '' : `; use one of: ${choices}`}.`,
        });
        continue;
      }
      given.add(field.id);
      fieldDefaults[objectType].push({ fieldId: field.id, value });
    }

    for (const field of settings.fields[objectType]) {
      const hasDefault = field.defaultValue !== undefined && field.defaultValue !== '';
      if (!field.required || hasDefault || alwaysFilled[objectType].has(field.id) || given.has(field.id))
        continue;
      const key = mappingKey('fieldDefaults', objectType, field.label);
      problems.push({
        kind: 'requiredField',
        value: field.label,
        mappingKey: key,
        message: `The qTest ${objectType} field "${field.label}" is required, has no default value and nothing in Zephyr fills it; set ${key} in the mapping file.`,
      });
    }
  }
  return { fieldDefaults, problems };
}

function encodeDefault(text: string, field: QTestField, settings: QTestSettings): string | undefined {
  if (field.dataType === DATA_TYPE.userList) {
    const user = findUser(settings.users, text);
    return user === undefined ? undefined : String(user.id);
  }
  if (isPickList(field.dataType)) {
    const allowed =
      findByName(field.allowedValues, text, (candidate) => candidate.label) ??
      field.allowedValues.find((candidate) => String(candidate.value) === text.trim());
    if (allowed === undefined) return undefined;
    return isMultiValued(field.dataType) ? JSON.stringify([allowed.value]) : String(allowed.value);
  }
  const target = { fieldId: field.id, dataType: field.dataType, allowedValues: field.allowedValues };
  const encoded = encodeFieldValue(text, target, {});
  return encoded.lost === undefined ? encoded.value : undefined;
}
