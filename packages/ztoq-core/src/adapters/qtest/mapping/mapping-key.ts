/**
 * The mapping-file path a problem names, written as the user would look for it in the JSON:
 * `executionStatus["Retest"]`, `fieldDefaults["test-cases"]["Type"]`.
 */
export function mappingKey(section: string, ...keys: string[]): string {
  return `${section}${keys.map((key) => `[${JSON.stringify(key)}]`).join('')}`;
}
