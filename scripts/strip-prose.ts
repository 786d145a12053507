/**
 * Removes prose (description, summary, example, examples) from an OpenAPI document before
 * types are generated from it, so the generated types carry facts only.
 *
 * The prose keywords are also legitimate *names* in some places: a schema may have a
 * property called `description` (qTest test steps do). Under the keys listed in
 * NAME_MAPS the children are names chosen by the API author, so they are kept and only
 * their values are walked.
 */
const PROSE_KEYS = new Set(['description', 'summary', 'example', 'examples']);

const NAME_MAPS = new Set([
  'properties',
  'patternProperties',
  'definitions',
  'schemas',
  'parameters',
  'requestBodies',
  'responses',
  'headers',
  'securitySchemes',
  'securityDefinitions',
  'paths',
  'links',
  'callbacks',
  'variables',
  'mapping',
]);

export function stripProse(node: unknown, keysAreNames = false): unknown {
  if (Array.isArray(node)) return node.map((item) => stripProse(item));
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (!keysAreNames && PROSE_KEYS.has(key)) continue;
    // A name map's values are ordinary nodes again (a property's schema, a response, ...).
    const childIsNameMap = !keysAreNames && NAME_MAPS.has(key) && !Array.isArray(value);
    out[key] = stripProse(value, childIsNameMap);
  }
  return out;
}
