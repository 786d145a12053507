import type { ApiOperation } from '../api/operation.js';

/** How a request is named in counters and logs: by its spec template, never by a path carrying ids. */
export interface EndpointName {
  readonly method: string;
  /** The operation's path template, or `(other)` when no operation matches. */
  readonly path: string;
  /** `METHOD path`, the key used in counters. */
  readonly label: string;
}

export const UNMATCHED_PATH = '(other)';

/** A request resolved to its operation, with the values of the template's `{parameters}`. */
export interface ResolvedEndpoint {
  readonly endpoint: EndpointName;
  /** Percent-decoded path parameter values by name; empty when no operation matched. */
  readonly params: Readonly<Record<string, string>>;
}

interface CompiledOperation {
  readonly path: string;
  readonly pattern: RegExp;
  /** Parameter names in the order of the pattern's capture groups. */
  readonly paramNames: readonly string[];
  /** Per segment: 0 for literal text, 1 for one with a parameter. Lower sorts first. */
  readonly specificity: readonly number[];
}

/**
 * Names requests by the operation they belong to. Requests are matched on method and on the
 * path below the api's base URL, so `GET /v2/testcases/PROJ-T1` against base `/v2` becomes
 * `GET /testcases/{testCaseKey}`. When two templates fit, the one whose first differing
 * segment is literal wins: `/projects/search` is a different operation from
 * `/projects/{projectId}`.
 */
export class EndpointMatcher {
  readonly #origin: string;
  readonly #basePath: string;
  readonly #byMethod = new Map<string, CompiledOperation[]>();

  constructor(baseUrl: string, operations: readonly ApiOperation[]) {
    const base = new URL(baseUrl);
    this.#origin = base.origin;
    this.#basePath = trimTrailingSlash(base.pathname);
    for (const operation of operations) {
      const method = operation.method.toUpperCase();
      const list = this.#byMethod.get(method) ?? [];
      list.push(compile(operation.path));
      this.#byMethod.set(method, list);
    }
    for (const list of this.#byMethod.values()) list.sort(bySpecificity);
  }

  match(method: string, url: string): EndpointName {
    return this.resolve(method, url).endpoint;
  }

  resolve(method: string, url: string): ResolvedEndpoint {
    const upperMethod = method.toUpperCase();
    const path = this.#pathBelowBase(url);
    const params: Record<string, string> = {};
    let templatePath = UNMATCHED_PATH;
    for (const operation of path === undefined ? [] : (this.#byMethod.get(upperMethod) ?? [])) {
      const found = operation.pattern.exec(path ?? '');
      if (!found) continue;
      templatePath = operation.path;
      operation.paramNames.forEach((name, index) => {
        params[name] = decodePathSegment(found[index + 1] ?? '');
      });
      break;
    }
    return {
      endpoint: { method: upperMethod, path: templatePath, label: `${upperMethod} ${templatePath}` },
      params,
    };
  }

  #pathBelowBase(url: string): string | undefined {
    const parsed = new URL(url);
    if (parsed.origin !== this.#origin) return undefined;
    const path = trimTrailingSlash(parsed.pathname);
    if (this.#basePath === '') return path || '/';
    if (path === this.#basePath) return '/';
    if (!path.startsWith(`${this.#basePath}/`)) return undefined;
    return path.slice(this.#basePath.length);
  }
}

function compile(path: string): CompiledOperation {
  const segments = trimTrailingSlash(path).split('/').slice(1);
  const paramNames: string[] = [];
  const source = segments
    .map((segment) =>
      segment
        .split(/(\{[^}]*\})/)
        .map((part) => {
          const param = /^\{([^}]*)\}$/.exec(part);
          if (!param) return escapeRegExp(part);
          paramNames.push(param[1] ?? '');
          return '([^/]+)';
        })
        .join(''),
    )
    .join('/');
  return {
    path,
    pattern: new RegExp(`^/${source}$`),
    paramNames,
    specificity: segments.map((segment) => (segment.includes('{') ? 1 : 0)),
  };
}

function bySpecificity(a: CompiledOperation, b: CompiledOperation): number {
  const length = Math.min(a.specificity.length, b.specificity.length);
  for (let index = 0; index < length; index++) {
    const difference = (a.specificity[index] ?? 0) - (b.specificity[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** A malformed escape (`%zz`) is kept as sent: the request still names its operation, and the handler sees the raw text. */
function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function trimTrailingSlash(path: string): string {
  return path.endsWith('/') ? path.slice(0, -1) : path;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
