import type { ApiOperation } from '../api/operation.js';
import type { Logger } from '../ports/logger.js';
import { silentLogger } from '../ports/logger.js';
import { secrets as processSecrets, type SecretRegistry } from '../secrets.js';
import type { RateTicket } from './adaptive-rate.js';
import { ApiQueue } from './api-queue.js';
import { EndpointMatcher, type EndpointName } from './endpoint-matcher.js';
import { HttpStats, type HttpStatsSnapshot } from './http-stats.js';
import { loggableUrl } from './loggable-url.js';
import { ATTEMPT_TIMEOUT_CODE, HttpNetworkError, networkFailureCode } from './network-failure.js';
import { parseRetryAfter } from './retry-after.js';
import {
  type AttemptOutcome,
  type BackoffSettings,
  isIdempotentMethod,
  isRetryable,
  retryDelayMs,
} from './retry-policy.js';
import { type Sleep, timerSleep, unlessAborted } from './sleep.js';

/** The shape openapi-fetch (and anything else that wants a `fetch`) calls. */
export type HttpFetch = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;

export interface HttpLayerOptions {
  readonly logger?: Logger;
  /** Values to redact from every log line and error message; defaults to the process-wide registry. */
  readonly secrets?: SecretRegistry;
  /** The fetch that actually talks to the network; defaults to `globalThis.fetch`. */
  readonly fetch?: typeof fetch;
  /** Waits between attempts and for rate-limit pauses; injectable so tests need not wait. */
  readonly sleep?: Sleep;
  /** Source of jitter in [0, 1]. */
  readonly random?: () => number;
  /** Wall clock in epoch milliseconds, for `Retry-After` dates and latencies. */
  readonly now?: () => number;
  /**
   * Floor of every api's learned budget, in attempts per second (default 1). For simulators
   * that answer 429 at random whatever the rate: there is no rate to learn, and every such 429
   * would cut the budget anyway.
   */
  readonly minRps?: number;
}

export interface HttpApiOptions {
  /** Label for counters and logs, e.g. `zephyr`. */
  readonly api: string;
  /** Where the api lives; its path prefix is removed before requests are matched to operations. */
  readonly baseUrl: string;
  /** The api's operations, used to name requests by their path template. */
  readonly operations: readonly ApiOperation[];
  readonly concurrency?: number;
  /**
   * Ceiling on attempts started per second, retries included. Below it the layer learns the
   * api's rate from its 429s (`AdaptiveRate`); this only stops it from going higher.
   */
  readonly maxRps?: number;
  /** Attempts per request, the first included. */
  readonly maxAttempts?: number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly retryAfterFloorMs?: number;
  readonly retryAfterCapMs?: number;
  /** Per attempt, from sending to response headers. */
  readonly timeoutMs?: number;
  /**
   * Whether a request may be repeated blindly. Defaults to RFC 9110 by method; mark read-only
   * POSTs (searches, token requests) here. `pathTemplate` is the matched operation path or `(other)`.
   */
  readonly isIdempotent?: (method: string, pathTemplate: string) => boolean;
}

interface ApiContext {
  readonly api: string;
  readonly matcher: EndpointMatcher;
  readonly queue: ApiQueue;
  readonly maxAttempts: number;
  readonly timeoutMs: number;
  readonly backoff: BackoffSettings;
  readonly isIdempotent: (method: string, pathTemplate: string) => boolean;
}

/** One request as read from the caller, rebuilt into a fresh `Request` for every attempt. */
interface RequestTemplate {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: Uint8Array | undefined;
  readonly redirect: Request['redirect'];
  readonly signal: AbortSignal;
  readonly endpoint: EndpointName;
  readonly loggableUrl: string;
}

type AttemptResult =
  | { readonly kind: 'response'; readonly response: Response }
  | { readonly kind: 'network'; readonly code: string };

const DEFAULTS = {
  concurrency: 8,
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  retryAfterFloorMs: 1_000,
  retryAfterCapMs: 120_000,
  timeoutMs: 60_000,
} as const;

/**
 * The HTTP layer shared by the vendor API clients: per-api concurrency and request budget,
 * retries with backoff, `Retry-After` and rate-limit pauses, per-endpoint counters, and logs
 * that never carry a credential. Each `api()` call returns a `fetch` for one client.
 */
export class HttpLayer {
  readonly #logger: Logger;
  readonly #secrets: SecretRegistry;
  readonly #fetch: typeof fetch;
  readonly #sleep: Sleep;
  readonly #random: () => number;
  readonly #now: () => number;
  readonly #minRps: number | undefined;
  readonly #stats = new HttpStats();
  readonly #apis = new Map<string, ApiContext>();
  /** Requests not yet settled, including those sleeping between attempts (which are in no queue). */
  readonly #unsettled = new Set<Promise<void>>();

  constructor(options: HttpLayerOptions = {}) {
    this.#logger = options.logger ?? silentLogger;
    this.#secrets = options.secrets ?? processSecrets;
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#sleep = options.sleep ?? timerSleep;
    this.#random = options.random ?? Math.random;
    this.#now = options.now ?? Date.now;
    this.#minRps = options.minRps;
  }

  /** A `fetch` for one api. Labels are unique per layer: the label is what counters and the rate-limit pause hang on. */
  api(options: HttpApiOptions): HttpFetch {
    if (this.#apis.has(options.api)) throw new Error(`HttpLayer: api "${options.api}" is already registered`);
    const maxAttempts = options.maxAttempts ?? DEFAULTS.maxAttempts;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
      throw new RangeError(`HttpLayer: maxAttempts must be a whole number of at least 1, got ${maxAttempts}`);
    }
    if (options.maxRps !== undefined && !(options.maxRps > 0)) {
      throw new RangeError(`HttpLayer: maxRps must be positive, got ${options.maxRps}`);
    }
    const context: ApiContext = {
      api: options.api,
      matcher: new EndpointMatcher(options.baseUrl, options.operations),
      queue: new ApiQueue({
        concurrency: options.concurrency ?? DEFAULTS.concurrency,
        ...(options.maxRps === undefined ? {} : { maxRps: options.maxRps }),
        ...(this.#minRps === undefined ? {} : { minRps: this.#minRps }),
        sleep: this.#sleep,
        now: this.#now,
      }),
      maxAttempts,
      timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
      backoff: {
        baseDelayMs: options.baseDelayMs ?? DEFAULTS.baseDelayMs,
        maxDelayMs: options.maxDelayMs ?? DEFAULTS.maxDelayMs,
        retryAfterFloorMs: options.retryAfterFloorMs ?? DEFAULTS.retryAfterFloorMs,
        retryAfterCapMs: options.retryAfterCapMs ?? DEFAULTS.retryAfterCapMs,
      },
      isIdempotent: options.isIdempotent ?? isIdempotentMethod,
    };
    this.#apis.set(options.api, context);
    this.#stats.registerApi(options.api);
    return (input, init) => {
      const result = this.#send(context, input, init);
      const settled = result.then(ignore, ignore);
      this.#unsettled.add(settled);
      void settled.then(() => this.#unsettled.delete(settled));
      return result;
    };
  }

  /** Counters so far, per api and endpoint, and each api's learned rate; safe to serialise into reports. */
  stats(): HttpStatsSnapshot {
    const snapshot = this.#stats.snapshot();
    for (const [api, context] of this.#apis) {
      const counters = snapshot.apis[api];
      if (counters) counters.rate = context.queue.rate();
    }
    return snapshot;
  }

  /** Resolves once no request is queued, in flight or waiting to retry, on any api. */
  async onIdle(): Promise<void> {
    while (this.#unsettled.size > 0) await Promise.all([...this.#unsettled]);
    await Promise.all([...this.#apis.values()].map((context) => context.queue.onIdle()));
  }

  async #send(
    context: ApiContext,
    input: Request | string | URL,
    init: RequestInit | undefined,
  ): Promise<Response> {
    const template = await this.#readRequest(context, input, init);
    const idempotent = context.isIdempotent(template.method, template.endpoint.path);
    for (let attempt = 1; ; attempt++) {
      // Retries jump the line: they have waited once already, and finishing started work first
      // keeps the number of half-done requests (and their buffered bodies) small.
      const result = await context.queue.run((ticket) => this.#attempt(context, template, attempt, ticket), {
        priority: attempt - 1,
        signal: template.signal,
      });
      const outcome: AttemptOutcome =
        result.kind === 'response' ? { kind: 'response', status: result.response.status } : result;
      if (attempt >= context.maxAttempts || !isRetryable(outcome, idempotent)) {
        if (result.kind === 'response') return result.response;
        throw new HttpNetworkError(
          { api: context.api, endpoint: template.endpoint.label, attempts: attempt, code: result.code },
          (text) => this.#secrets.redact(text),
        );
      }

      const retryAfterMs =
        result.kind === 'response'
          ? parseRetryAfter(result.response.headers.get('retry-after'), this.#now())
          : undefined;
      const delayMs = retryDelayMs(attempt, retryAfterMs, context.backoff, this.#random);
      this.#stats.recordRetry(context.api, template.endpoint.label);
      this.#log(
        'warn',
        `${context.api} ${template.endpoint.label}: ${describe(outcome)} on attempt ${attempt} of ${context.maxAttempts}; retrying in ${delayMs} ms`,
        {
          api: context.api,
          endpoint: template.endpoint.label,
          ...outcomeFields(outcome),
          attempt,
          delayMs,
        },
      );
      if (result.kind === 'response') discardBody(result.response);

      if (outcome.kind === 'response' && outcome.status === 429 && retryAfterMs !== undefined) {
        // The limit is per credential, so every request of this api would be refused too: hold
        // them all. This request waits in the paused queue, at the front, instead of sleeping.
        context.queue.pauseFor(delayMs);
      } else {
        await unlessAborted(this.#sleep(delayMs, template.signal), template.signal);
      }
    }
  }

  /** Reads the caller's request once; the body becomes bytes so every attempt can send it again. */
  async #readRequest(
    context: ApiContext,
    input: Request | string | URL,
    init: RequestInit | undefined,
  ): Promise<RequestTemplate> {
    const source = input instanceof Request && init === undefined ? input : new Request(input, init);
    source.signal.throwIfAborted();
    const body = source.body === null ? undefined : new Uint8Array(await source.arrayBuffer());
    return {
      url: source.url,
      method: source.method,
      headers: new Headers(source.headers),
      body,
      redirect: source.redirect,
      signal: source.signal,
      endpoint: context.matcher.match(source.method, source.url),
      loggableUrl: loggableUrl(source.url, this.#secrets),
    };
  }

  /**
   * One attempt: a fresh `Request`, a timeout covering the wait for response headers (not the
   * body, which the caller may stream for as long as it needs), and counters. Network failures
   * come back as values so the caller's retry decision sees them; the caller's abort is thrown.
   */
  async #attempt(
    context: ApiContext,
    template: RequestTemplate,
    attempt: number,
    ticket: RateTicket,
  ): Promise<AttemptResult> {
    const timeout = new AbortController();
    const request = new Request(template.url, {
      method: template.method,
      headers: template.headers,
      body: template.body,
      redirect: template.redirect,
      signal: AbortSignal.any([template.signal, timeout.signal]),
    });
    const { api } = context;
    const endpoint = template.endpoint.label;
    this.#stats.recordAttempt(api, endpoint);
    const startedAt = this.#now();
    const timer = setTimeout(() => timeout.abort(), context.timeoutMs);
    try {
      const response = await this.#fetch(request);
      const latencyMs = this.#now() - startedAt;
      this.#stats.recordResponse(api, endpoint, response.status, latencyMs);
      // A 429 is the api's word on the rate; a server error says nothing about it either way.
      if (response.status === 429) context.queue.rateLimited(ticket);
      else if (response.status < 500) context.queue.accepted(ticket);
      this.#logAttempt(context, template, attempt, { kind: 'response', status: response.status }, latencyMs);
      return { kind: 'response', response };
    } catch (error) {
      const latencyMs = this.#now() - startedAt;
      if (template.signal.aborted) {
        this.#stats.recordAborted(api, endpoint, latencyMs);
        throw template.signal.reason;
      }
      const code = timeout.signal.aborted ? ATTEMPT_TIMEOUT_CODE : networkFailureCode(error);
      this.#stats.recordNetworkError(api, endpoint, code, latencyMs);
      this.#logAttempt(context, template, attempt, { kind: 'network', code }, latencyMs);
      return { kind: 'network', code };
    } finally {
      clearTimeout(timer);
    }
  }

  #logAttempt(
    context: ApiContext,
    template: RequestTemplate,
    attempt: number,
    outcome: AttemptOutcome,
    latencyMs: number,
  ): void {
    this.#log(
      'debug',
      `${context.api} ${template.endpoint.label}: ${describe(outcome)} in ${latencyMs} ms (attempt ${attempt})`,
      {
        api: context.api,
        endpoint: template.endpoint.label,
        url: template.loggableUrl,
        ...outcomeFields(outcome),
        attempt,
        latencyMs,
      },
    );
  }

  /** Last line of defence: whatever reaches the logger has had every registered secret removed. */
  #log(level: 'debug' | 'warn', message: string, fields: Record<string, string | number>): void {
    const safeFields: Record<string, string | number> = {};
    for (const [name, value] of Object.entries(fields)) {
      safeFields[name] = typeof value === 'string' ? this.#secrets.redact(value) : value;
    }
    this.#logger[level](this.#secrets.redact(message), safeFields);
  }
}

function describe(outcome: AttemptOutcome): string {
  return outcome.kind === 'response' ? `HTTP ${outcome.status}` : outcome.code;
}

function outcomeFields(outcome: AttemptOutcome): { status: number } | { code: string } {
  return outcome.kind === 'response' ? { status: outcome.status } : { code: outcome.code };
}

/** An unread body would hold its connection until garbage collection; a response we retry past is never read. */
function discardBody(response: Response): void {
  response.body?.cancel().catch(ignore);
}

function ignore(): void {}
