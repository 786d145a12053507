import type { CustomFields, CustomFieldValue } from '../../../model/canonical.js';
import type { QTestContext } from '../qtest-context.js';
import { asText } from './encode-field-value.js';
import { breaksToNewlines, escapeHtml } from './html.js';
import { mappedUsername } from './user-text.js';

/**
 * A custom field value as text, for places without fields (cycle and release descriptions, log
 * notes, step descriptions). Zephyr's user fields hold account ids; a mapped one is shown as
 * its qTest username, which is what a reader can look up.
 */
export function fieldText(value: Exclude<CustomFieldValue, null>, context: QTestContext): string {
  if (typeof value === 'string') return mappedUsername(value, context) ?? value;
  return asText(value);
}

/** `Name: value` lines of the set custom fields, in the source's order, as plain text. */
export function customFieldLines(fields: CustomFields, context: QTestContext): string[] {
  return Object.entries(fields).flatMap(([name, value]) =>
    value === null ? [] : [`${name}: ${breaksToNewlines(fieldText(value, context))}`],
  );
}

/**
 * The same lines for an HTML field. Names are escaped; text values came from Zephyr's HTML
 * (line breaks as `<br>`) and are kept; list items and usernames are plain and are escaped.
 */
export function customFieldHtmlLines(fields: CustomFields, context: QTestContext): string[] {
  return Object.entries(fields).flatMap(([name, value]) => {
    if (value === null) return [];
    const html =
      typeof value === 'string'
        ? mappedUsername(value, context) === undefined
          ? value
          : escapeHtml(fieldText(value, context))
        : escapeHtml(asText(value));
    return [`${escapeHtml(name)}: ${html}`];
  });
}
