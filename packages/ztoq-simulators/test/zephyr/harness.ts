import {
  createZephyrSimulator,
  DEFAULT_ZEPHYR_TOKEN,
  type ZephyrSimulator,
  type ZephyrSimulatorOptions,
} from '../../src/zephyr/index.js';
import { fixtureDataset } from './fixtures.js';

export interface ZephyrAnswer {
  readonly status: number;
  /** Parsed JSON, or undefined for an empty body. */
  readonly body: unknown;
  readonly headers: Headers;
}

export interface CallOptions {
  readonly method?: string;
  readonly query?: Readonly<Record<string, string>>;
  /** Sent as JSON. */
  readonly body?: unknown;
  /** The whole Authorization header; null sends none. Default: `Bearer <the default token>`. */
  readonly authorization?: string | null;
}

export interface RunningZephyr {
  readonly simulator: ZephyrSimulator;
  readonly baseUrl: string;
  /** One real HTTP request to `<baseUrl><path>`. */
  call(path: string, options?: CallOptions): Promise<ZephyrAnswer>;
  /** Every value of a paged list, walking by the `maxResults` each page returns. */
  walk(path: string, query?: Readonly<Record<string, string>>): Promise<unknown[]>;
}

const running: ZephyrSimulator[] = [];

/** A listening simulator over the fixture (or the data set given); close with `closeZephyrSimulators` after each test. */
export async function startZephyr(options: Partial<ZephyrSimulatorOptions> = {}): Promise<RunningZephyr> {
  const simulator = createZephyrSimulator({ dataset: fixtureDataset(), ...options });
  running.push(simulator);
  const baseUrl = await simulator.listen();
  const call = (path: string, options: CallOptions = {}) => zephyrCall(baseUrl, path, options);
  return {
    simulator,
    baseUrl,
    call,
    async walk(path, query = {}) {
      const values: unknown[] = [];
      let startAt = 0;
      for (;;) {
        const page = await call(path, { query: { ...query, startAt: String(startAt), maxResults: '1000' } });
        if (page.status !== 200)
          throw new Error(`${path} answered ${page.status}: ${JSON.stringify(page.body)}`);
        const body = page.body as { values: unknown[]; maxResults: number; isLast: boolean };
        values.push(...body.values);
        if (body.isLast || body.values.length === 0) return values;
        startAt += body.maxResults;
      }
    },
  };
}

export async function closeZephyrSimulators(): Promise<void> {
  await Promise.all(running.splice(0).map((simulator) => simulator.close()));
}

export async function zephyrCall(
  baseUrl: string,
  path: string,
  options: CallOptions = {},
): Promise<ZephyrAnswer> {
  const url = new URL(`${baseUrl}${path}`);
  for (const [name, value] of Object.entries(options.query ?? {})) url.searchParams.set(name, value);
  const headers: Record<string, string> = {};
  const authorization =
    options.authorization === undefined ? `Bearer ${DEFAULT_ZEPHYR_TOKEN}` : options.authorization;
  if (authorization !== null) headers.authorization = authorization;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(url, {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text === '' ? undefined : JSON.parse(text),
    headers: response.headers,
  };
}
