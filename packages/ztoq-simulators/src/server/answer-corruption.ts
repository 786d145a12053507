import type { SimResponse } from './simulator-server.js';

/**
 * A way an answer can break the vendor's spec, for drills of how a client copes:
 * - `invalid-json`: the body is cut off, so it does not parse;
 * - `max-results-zero`: a paged list says `maxResults: 0` and `isLast: false`: there is more, but
 *   advancing by 0 would ask for the same page forever;
 * - `drop-field`: a field the spec requires is left out;
 * - `null-field`: a field the spec promises as an object is `null`.
 * The field corruptions apply to the items of a list (`values`) whose `key` or `id` is `item`,
 * or to the body itself when the answer is a single entity; without `item`, to every one.
 */
export type AnswerCorruptionKind =
  | { readonly kind: 'invalid-json' }
  | { readonly kind: 'max-results-zero' }
  | { readonly kind: 'drop-field'; readonly field: string; readonly item?: string }
  | { readonly kind: 'null-field'; readonly field: string; readonly item?: string };

/** Which answers to corrupt: those of one operation, optionally only for some path parameters. */
export type AnswerCorruption = AnswerCorruptionKind & {
  /** The operation as the spec writes it, e.g. `GET /testcases` or `GET /testcases/{testCaseKey}/teststeps`. */
  readonly endpoint: string;
  /** Only requests whose path parameters have these values, e.g. `{ testCaseKey: 'DEMO-T3' }`. */
  readonly params?: Readonly<Record<string, string>>;
};

/** The rules that apply to an answer, in the order given. */
export function corruptionsFor(
  rules: readonly AnswerCorruption[],
  endpoint: string,
  params: Readonly<Record<string, string>>,
): AnswerCorruption[] {
  return rules.filter(
    (rule) =>
      rule.endpoint === endpoint &&
      Object.entries(rule.params ?? {}).every(([name, value]) => params[name] === value),
  );
}

/** The answer with the rule applied; answers other than a successful JSON body are left alone. */
export function corruptAnswer(answer: SimResponse, rule: AnswerCorruption): SimResponse {
  if (answer.status < 200 || answer.status >= 300 || answer.body === undefined) return answer;
  const json = JSON.stringify(answer.body);
  switch (rule.kind) {
    case 'invalid-json':
      return {
        ...answer,
        raw: json.slice(0, Math.max(1, Math.floor(json.length / 2))),
        headers: { ...answer.headers, 'content-type': 'application/json' },
      };
    case 'max-results-zero':
      return { ...answer, body: { ...(JSON.parse(json) as object), maxResults: 0, isLast: false } };
    case 'drop-field':
    case 'null-field': {
      const body = JSON.parse(json) as Record<string, unknown>;
      const targets = Array.isArray(body.values) ? (body.values as Record<string, unknown>[]) : [body];
      const chosen = targets.filter(
        (target) => rule.item === undefined || String(target.key ?? target.id) === rule.item,
      );
      for (const target of chosen) {
        if (rule.kind === 'drop-field') delete target[rule.field];
        else target[rule.field] = null;
      }
      // An answer without the chosen item is served as it is (and not counted as corrupted).
      return chosen.length === 0 ? answer : { ...answer, body };
    }
  }
}
