/**
 * Call-to-test parameters: a called case's step text refers to a parameter as `{name}`, and
 * the call gives its value. Substitution records which parameters were used, so values the
 * called steps never mention can still be shown with the steps.
 */
export class ParameterValues {
  readonly #values: ReadonlyMap<string, string>;
  readonly #used = new Set<string>();

  constructor(values: Iterable<readonly [string, string]>) {
    this.#values = new Map(values);
  }

  static none(): ParameterValues {
    return new ParameterValues([]);
  }

  /** `text` with each `{name}` of a known parameter replaced by `encode(value)`; others are left. */
  substitute(text: string, encode: (value: string) => string = (value) => value): string {
    if (this.#values.size === 0) return text;
    return text.replace(/\{([^{}]+)\}/g, (placeholder, name: string) => {
      const value = this.#values.get(name);
      if (value === undefined) return placeholder;
      this.#used.add(name);
      return encode(value);
    });
  }

  get size(): number {
    return this.#values.size;
  }

  /** Parameters no substitution used, in the call's order. */
  unused(): [string, string][] {
    return [...this.#values].filter(([name]) => !this.#used.has(name));
  }
}
