import type { SecretRegistry } from '../secrets.js';

const MASK = '***';

/**
 * Query parameter names that carry credentials by convention. Matched on the whole name or a
 * telling part of it; plain `key` is left alone because Zephyr uses `projectKey` and friends
 * for ordinary identifiers.
 */
const SECRET_PARAMETER_NAME =
  /token|secret|passw|pwd|api[-_]?key|credential|signature|session|cookie|^auth(orization)?$|^sig$|^code$/i;

/**
 * A URL fit for a log line: user-info and fragment dropped, secret-looking query values
 * masked, then every registered secret redacted. The query is rewritten by hand rather than through
 * `URLSearchParams`, which would re-encode untouched values and the mask itself.
 */
export function loggableUrl(url: string, registry: SecretRegistry): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return registry.redact(url);
  }
  const query = parsed.search.slice(1);
  const maskedQuery = query
    .split('&')
    .map((pair) => {
      const separator = pair.indexOf('=');
      const rawName = separator === -1 ? pair : pair.slice(0, separator);
      return SECRET_PARAMETER_NAME.test(safeDecode(rawName)) ? `${rawName}=${MASK}` : pair;
    })
    .join('&');
  const withoutQuery = `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  return registry.redact(query ? `${withoutQuery}?${maskedQuery}` : withoutQuery);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
