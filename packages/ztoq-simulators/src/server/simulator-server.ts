import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { type ApiOperation, EndpointMatcher, type EndpointName, UNMATCHED_PATH } from '@ztoq/core';
import { type AnswerCorruption, corruptAnswer, corruptionsFor } from './answer-corruption.js';
import { type FaultCounts, type FaultDecision, FaultInjector, type FaultSettings } from './faults.js';

export interface SimRequest {
  readonly method: string;
  readonly url: URL;
  /** The spec operation this request was routed to. */
  readonly endpoint: EndpointName;
  /** Path parameters by their names in the spec template, percent-decoded. */
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  /** Who is calling, as `authenticate` established; undefined on public routes. */
  readonly credential: string | undefined;
}

export interface SimResponse {
  readonly status: number;
  /** Sent as JSON unless `raw` is given. */
  readonly body?: unknown;
  readonly raw?: Buffer | string;
  readonly headers?: Readonly<Record<string, string>>;
}

export type SimHandler = (request: SimRequest) => SimResponse | Promise<SimResponse>;

/** Thrown by handlers to answer with the vendor's error shape. */
export class SimHttpError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

export type Authentication = { readonly credential: string } | { readonly rejected: string };

export interface SimulatorServerOptions {
  /** For messages: `zephyr`, `qtest`. */
  readonly name: string;
  /** Path prefix of the API below the origin: `/v2` for Zephyr, empty for qTest. */
  readonly basePath: string;
  /** Every operation of the vendor spec; a route outside it cannot be registered. */
  readonly operations: readonly ApiOperation[];
  /** Checks credentials of non-public routes; a rejection becomes a 401 in the vendor's error shape. */
  readonly authenticate: (request: Omit<SimRequest, 'credential'>) => Authentication;
  /** The vendor's error body for a status and message. */
  readonly errorBody: (status: number, message: string) => unknown;
  readonly faults?: FaultSettings;
  /** The full stored state, served at `/__simulator/state` for tests and debugging. */
  readonly state?: () => unknown;
  /** Headers the vendor sends on every answer, errors included (Zephyr declares CORS headers). */
  readonly defaultHeaders?: Readonly<Record<string, string>>;
}

interface Route {
  readonly handler: SimHandler;
  readonly isPublic: boolean;
}

/** Inspection endpoints live outside the vendor API and are never counted, faulted or authenticated. */
export const INSPECTION_PREFIX = '/__simulator';

/**
 * The HTTP server both simulators run on: spec-checked routing, authentication, seeded faults,
 * per-endpoint request counts and an inspection interface.
 */
export class SimulatorServer {
  readonly #options: SimulatorServerOptions;
  readonly #specOperations: Set<string>;
  readonly #routes = new Map<string, Route>();
  readonly #routeOperations: ApiOperation[] = [];
  readonly #counts = new Map<string, number>();
  readonly #faults: FaultInjector;
  readonly #server: Server;
  #corruptions: readonly AnswerCorruption[] = [];
  #corruptedAnswers = 0;
  #matcher: EndpointMatcher | undefined;
  #specMatcher: EndpointMatcher | undefined;
  #origin = '';

  constructor(options: SimulatorServerOptions) {
    this.#options = options;
    this.#specOperations = new Set(options.operations.map((op) => `${op.method.toUpperCase()} ${op.path}`));
    this.#faults = new FaultInjector(options.faults);
    this.#server = createServer((request, response) => {
      this.#handle(request, response).catch((error: unknown) => {
        if (!response.headersSent)
          this.#send(response, { status: 500, body: options.errorBody(500, String(error)) });
        else response.destroy();
      });
    });
    // Clients keep connections alive between requests; keep ours open a little longer than theirs.
    this.#server.keepAliveTimeout = 10_000;
  }

  /** Faults injected so far, by kind. */
  faultCounts(): FaultCounts {
    return this.#faults.counts();
  }

  /**
   * From now on, answers matching a rule break the vendor's spec as it says (every matching rule
   * applies, in order); an empty list serves correct answers again. For drills of spec-breaking answers.
   */
  corruptAnswers(rules: readonly AnswerCorruption[]): void {
    this.#corruptions = [...rules];
  }

  /** Answers corrupted so far by `corruptAnswers`, so a drill can show its fault really happened. */
  corruptedAnswerCount(): number {
    return this.#corruptedAnswers;
  }

  route(method: string, path: string, handler: SimHandler, options: { isPublic?: boolean } = {}): this {
    const label = `${method.toUpperCase()} ${path}`;
    if (!this.#specOperations.has(label)) {
      throw new Error(`${this.#options.name} simulator: ${label} is not an operation of the spec`);
    }
    if (this.#routes.has(label)) throw new Error(`${this.#options.name} simulator: ${label} is routed twice`);
    this.#routes.set(label, { handler, isPublic: options.isPublic ?? false });
    this.#routeOperations.push({ method: method.toUpperCase(), path });
    this.#matcher = undefined;
    return this;
  }

  /** The operations this simulator answers, as `METHOD /template`. */
  routes(): string[] {
    return [...this.#routes.keys()];
  }

  async listen(port = 0): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(port, '127.0.0.1', () => resolve());
    });
    this.#origin = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this.baseUrl;
  }

  get baseUrl(): string {
    return `${this.#origin}${this.#options.basePath}`;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /** Requests received per operation (`METHOD /template`), faulted ones included. */
  requestCounts(): Record<string, number> {
    return Object.fromEntries([...this.#counts].sort(([a], [b]) => a.localeCompare(b)));
  }

  resetRequestCounts(): void {
    this.#counts.clear();
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    const url = new URL(request.url ?? '/', this.#origin);
    const method = (request.method ?? 'GET').toUpperCase();
    if (url.pathname.startsWith(INSPECTION_PREFIX)) {
      this.#send(response, this.#inspect(method, url.pathname));
      return;
    }

    this.#matcher ??= new EndpointMatcher(this.baseUrl, this.#routeOperations);
    const { endpoint, params } = this.#matcher.resolve(method, url.href);
    const route = this.#routes.get(endpoint.label);
    this.#counts.set(endpoint.label, (this.#counts.get(endpoint.label) ?? 0) + 1);
    const unauthenticated = {
      method,
      url,
      endpoint,
      params,
      query: url.searchParams,
      headers: request.headers,
      body,
    };
    let credential: string | undefined;
    // Like the vendors' gateways, credentials are checked before anything else is revealed,
    // even whether the path exists.
    if (!route?.isPublic) {
      const auth = this.#options.authenticate(unauthenticated);
      if ('rejected' in auth) {
        this.#send(response, this.#error(401, auth.rejected));
        return;
      }
      credential = auth.credential;
    }
    if (endpoint.path === UNMATCHED_PATH || route === undefined) {
      this.#send(response, this.#unrouted(method, url));
      return;
    }

    const fault = this.#faults.decide(method, credential);
    const latency = this.#faults.latencyMs();
    if (latency > 0) await sleep(latency);
    if (fault.kind === 'drop-connection') {
      response.socket?.destroy();
      return;
    }
    const refusal = this.#refusal(fault);
    if (refusal) {
      this.#send(response, refusal);
      return;
    }

    let answer = await this.#run(route.handler, { ...unauthenticated, credential });
    for (const corruption of corruptionsFor(this.#corruptions, endpoint.label, params)) {
      const corrupted = corruptAnswer(answer, corruption);
      if (corrupted !== answer) this.#corruptedAnswers += 1;
      answer = corrupted;
    }
    if (fault.kind === 'lose-response') {
      // The change is stored; the client never learns it.
      response.socket?.destroy();
      return;
    }
    this.#send(response, answer);
  }

  async #run(handler: SimHandler, request: SimRequest): Promise<SimResponse> {
    try {
      return await handler(request);
    } catch (error) {
      if (error instanceof SimHttpError) return this.#error(error.status, error.message);
      throw error;
    }
  }

  #refusal(fault: FaultDecision): SimResponse | undefined {
    switch (fault.kind) {
      case 'rate-limited':
        return {
          ...this.#error(429, 'Rate limit exceeded'),
          headers: { 'retry-after': String(fault.retryAfterSeconds) },
        };
      case 'server-error':
        return this.#error(fault.status, 'Simulated server error');
      default:
        return undefined;
    }
  }

  /**
   * A path the vendor does not have is a 404; an operation the spec has but this simulator
   * does not serve is a 501, so a client reaching for it learns the simulator is the gap.
   */
  #unrouted(method: string, url: URL): SimResponse {
    this.#specMatcher ??= new EndpointMatcher(this.baseUrl, this.#options.operations);
    const inSpec = this.#specMatcher.match(method, url.href);
    if (inSpec.path !== UNMATCHED_PATH) {
      return this.#error(501, `${inSpec.label} is in the ${this.#options.name} spec but not simulated`);
    }
    return this.#error(404, `${method} ${url.pathname} is not an endpoint of this API`);
  }

  #inspect(method: string, pathname: string): SimResponse {
    if (method === 'GET' && pathname === `${INSPECTION_PREFIX}/requests`) {
      return { status: 200, body: this.requestCounts() };
    }
    if (method === 'GET' && pathname === `${INSPECTION_PREFIX}/state`) {
      return { status: 200, body: this.#options.state?.() ?? {} };
    }
    return { status: 404, body: { message: `no inspection endpoint ${method} ${pathname}` } };
  }

  #error(status: number, message: string): SimResponse {
    return { status, body: this.#options.errorBody(status, message) };
  }

  #send(response: ServerResponse, answer: SimResponse): void {
    const headers: Record<string, string> = { ...this.#options.defaultHeaders, ...answer.headers };
    let payload: Buffer | string | undefined = answer.raw;
    if (payload === undefined && answer.body !== undefined) {
      payload = JSON.stringify(answer.body);
      headers['content-type'] ??= 'application/json';
    }
    response.writeHead(answer.status, headers);
    response.end(payload);
  }
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** Parses a JSON request body, answering 400 in the vendor's shape when it is not JSON. */
export function jsonBody(request: SimRequest): unknown {
  if (request.body.length === 0) throw new SimHttpError(400, 'Request body is required');
  try {
    return JSON.parse(request.body.toString('utf8'));
  } catch {
    throw new SimHttpError(400, 'Request body is not valid JSON');
  }
}
