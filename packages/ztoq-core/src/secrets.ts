/**
 * Secret redaction shared by every component that writes text a person may see (logs,
 * error messages, reports, notifications). Secrets are registered by value as soon as
 * configuration is read; anything printed goes through `redact` first.
 */
const REDACTED = '***';

export class SecretRegistry {
  readonly #values = new Set<string>();
  readonly #listeners = new Set<(value: string) => void>();

  /** Register a secret. Values shorter than 4 characters are ignored: redacting them would mangle ordinary text. */
  add(value: string | undefined | null): void {
    if (!value || value.length < 4 || this.#values.has(value)) return;
    this.#values.add(value);
    for (const listener of this.#listeners) for (const form of [value, ...encodings(value)]) listener(form);
  }

  /**
   * Calls `listener` with every secret registered so far and every one registered later, in
   * each form it travels in, so a host with masking of its own (a GitHub runner's `add-mask`)
   * learns derived secrets such as a qTest bearer token the moment a login returns them.
   */
  onAdd(listener: (value: string) => void): () => void {
    this.#listeners.add(listener);
    for (const value of this.#values) for (const form of [value, ...encodings(value)]) listener(form);
    return () => this.#listeners.delete(listener);
  }

  redact(text: string): string {
    let out = text;
    // Longest first, so a secret that contains another is replaced whole.
    for (const secret of [...this.#values].sort((a, b) => b.length - a.length)) {
      out = out.split(secret).join(REDACTED);
      // Secrets also travel encoded: percent-encoded in URLs, and form-encoded (space as +)
      // in `application/x-www-form-urlencoded` bodies such as the qTest login.
      for (const encoded of encodings(secret)) out = out.split(encoded).join(REDACTED);
    }
    return out;
  }

  get size(): number {
    return this.#values.size;
  }
}

function encodings(secret: string): string[] {
  const forms = new Set([encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2)]);
  forms.delete(secret);
  return [...forms];
}

/** Process-wide registry; adapters add the credentials they are given. */
export const secrets = new SecretRegistry();

export function redact(text: string): string {
  return secrets.redact(text);
}
