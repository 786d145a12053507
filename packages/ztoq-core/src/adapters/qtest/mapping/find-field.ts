import type { QTestField, QTestFieldObjectType, QTestSettings } from '../qtest-context.js';
import { findByName } from './find-by-name.js';

/** The field of `objectType` labelled `label`, exact spelling first, then ignoring case. */
export function findField(
  settings: Pick<QTestSettings, 'fields'>,
  objectType: QTestFieldObjectType,
  label: string,
): QTestField | undefined {
  return findByName(settings.fields[objectType], label, (field) => field.label);
}
