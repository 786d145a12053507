import type { QTestField, QTestFieldChange, QTestSettings } from '../qtest-context.js';

/**
 * The settings as they would be after `changes`, for a dry run: it maps and reports exactly as
 * a real run would, without creating anything. New fields and allowed values get negative ids
 * (-1, -2, …), which qTest never hands out, so nothing can mistake them for real ones.
 */
export function withPlannedChanges(
  settings: QTestSettings,
  changes: readonly QTestFieldChange[],
): QTestSettings {
  let nextId = -1;
  const placeholder = () => nextId--;
  const fields: QTestSettings['fields'] = {
    'test-cases': settings.fields['test-cases'].map(copyField),
    'test-runs': settings.fields['test-runs'].map(copyField),
    releases: settings.fields.releases.map(copyField),
  };
  for (const change of changes) {
    if (change.kind === 'field') {
      fields[change.objectType].push({
        id: placeholder(),
        label: change.label,
        dataType: change.dataType,
        multiple: change.multiple,
        required: false,
        systemField: false,
        allowedValues: change.allowedValues.map((label) => ({ value: placeholder(), label })),
      });
      continue;
    }
    const field = fields[change.objectType].find((candidate) => candidate.id === change.fieldId);
    if (field === undefined) {
      throw new Error(`planned allowed values for unknown ${change.objectType} field ${change.fieldId}`);
    }
    field.allowedValues.push(...change.values.map((label) => ({ value: placeholder(), label })));
  }
  return { ...settings, fields };
}

function copyField(field: QTestField): QTestField {
  return { ...field, allowedValues: field.allowedValues.map((allowed) => ({ ...allowed })) };
}
