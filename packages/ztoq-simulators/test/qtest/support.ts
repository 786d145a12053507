/** Real HTTP against a listening qTest simulator: login, requests, and a project filled the way the engine fills it. */
import type { qtestApi } from '@ztoq/core';
import {
  createQTestSimulator,
  DEFAULT_PASSWORD,
  DEFAULT_PROJECT_ID,
  DEFAULT_SITE_NAME,
  DEFAULT_USERS,
  type QTestSimulator,
  type QTestSimulatorOptions,
} from '../../src/qtest/index.js';

type Schemas = qtestApi.components['schemas'];

export const PROJECT = DEFAULT_PROJECT_ID;
export const P = `/api/v3/projects/${PROJECT}`;
export const ADMIN = DEFAULT_USERS[0]?.username ?? '';

export interface Exchange<T = unknown> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
  readonly url: URL;
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean>;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as is. */
  body?: RequestInit['body'];
  headers?: Record<string, string>;
}

export function basicHeader(siteName = DEFAULT_SITE_NAME): string {
  return `Basic ${Buffer.from(`${siteName}:`).toString('base64')}`;
}

/** `POST /oauth/token` exactly as qTest documents it. */
export function login(
  baseUrl: string,
  form: Record<string, string> = { grant_type: 'password', username: ADMIN, password: DEFAULT_PASSWORD },
  authorization = basicHeader(),
): Promise<Response> {
  return fetch(`${baseUrl}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization },
    body: new URLSearchParams(form).toString(),
  });
}

export class QTestTestClient {
  readonly baseUrl: string;
  authorization: string | undefined;

  constructor(baseUrl: string, authorization?: string) {
    this.baseUrl = baseUrl;
    this.authorization = authorization;
  }

  async request<T = unknown>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<Exchange<T>> {
    const url = new URL(`${this.baseUrl}${path}`);
    for (const [name, value] of Object.entries(options.query ?? {}))
      url.searchParams.append(name, String(value));
    const headers: Record<string, string> = { ...options.headers };
    if (this.authorization !== undefined) headers.authorization ??= this.authorization;
    let body = options.body;
    if (options.json !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = JSON.stringify(options.json);
    }
    const response = await fetch(url, { method, headers, ...(body === undefined ? {} : { body }) });
    const text = await response.text();
    return {
      status: response.status,
      body: (text === '' ? undefined : JSON.parse(text)) as T,
      headers: response.headers,
      url,
    };
  }

  get<T = unknown>(path: string, query?: RequestOptions['query']): Promise<Exchange<T>> {
    return this.request<T>('GET', path, query === undefined ? {} : { query });
  }

  post<T = unknown>(path: string, json: unknown, query?: RequestOptions['query']): Promise<Exchange<T>> {
    return this.request<T>('POST', path, { json, ...(query === undefined ? {} : { query }) });
  }

  /** Like `post`, but fails the test unless the status is the expected one. */
  async created<T>(path: string, json: unknown, query?: RequestOptions['query'], status = 201): Promise<T> {
    const exchange = await this.post<T>(path, json, query);
    if (exchange.status !== status) {
      throw new Error(`POST ${path} answered ${exchange.status}: ${JSON.stringify(exchange.body)}`);
    }
    return exchange.body;
  }
}

export interface Started {
  readonly sim: QTestSimulator;
  readonly api: QTestTestClient;
}

/** A listening simulator and a client logged in as the first credential (the admin by default). */
export async function startSimulator(options: QTestSimulatorOptions = {}): Promise<Started> {
  const sim = createQTestSimulator(options);
  const baseUrl = await sim.listen();
  const { username, password } = options.credentials?.[0] ?? { username: ADMIN, password: DEFAULT_PASSWORD };
  const response = await login(
    baseUrl,
    { grant_type: 'password', username, password },
    basicHeader(options.siteName),
  );
  if (response.status !== 200) throw new Error(`login answered ${response.status}`);
  const token = (await response.json()) as Schemas['OAuthResponse'];
  return { sim, api: new QTestTestClient(baseUrl, `bearer ${token.access_token}`) };
}

export type Field = Schemas['FieldResource'];

/** A search answer whose items are known to be of one resource type. */
export type SearchPage<T> = Omit<Schemas['PagedResource'], 'items'> & { items: T[] };

export async function fieldsOf(api: QTestTestClient, objectType: string): Promise<Field[]> {
  return (await api.get<Field[]>(`${P}/settings/${objectType}/fields`)).body;
}

export function fieldLabelled(fields: readonly Field[], label: string): Field {
  const field = fields.find((candidate) => candidate.label === label);
  if (!field?.id) throw new Error(`no field ${label}`);
  return field;
}

/** The property that sets a picklist field to the allowed value with that label. */
export function picklistProperty(field: Field, label: string): Schemas['PropertyResource'] {
  const value = field.allowed_values?.find((allowed) => allowed.label === label)?.value;
  if (field.id === undefined || value === undefined) throw new Error(`no value ${label} in ${field.label}`);
  return { field_id: field.id, field_value: String(value) };
}

/** What the engine builds in a project, with the ids the tests need. */
export interface EngineContent {
  readonly rootModule: Schemas['ModuleResource'];
  readonly childModule: Schemas['ModuleResource'];
  readonly zephyrKey: Field;
  readonly environment: Field;
  readonly testCase: Schemas['TestCaseWithCustomFieldResource'];
  readonly release: Schemas['ReleaseWithCustomFieldResource'];
  readonly cycle: Schemas['TestCycleResource'];
  readonly nestedCycle: Schemas['TestCycleResource'];
  readonly suite: Schemas['TestSuiteWithCustomFieldResource'];
  readonly run: Schemas['TestRunWithCustomFieldResource'];
  readonly log: Schemas['TestLogResource'];
  readonly requirement: Schemas['RequirementResource'];
  readonly attachment: Schemas['AttachmentResource'];
}

export const EXECUTED = { start: '2024-03-01T10:00:00.000Z', end: '2024-03-01T10:05:00.000Z' };

/** Builds the content of a migrated project through the API, as the engine does. */
export async function buildEngineContent(api: QTestTestClient): Promise<EngineContent> {
  const rootModule = await api.created<Schemas['ModuleResource']>(`${P}/modules`, { name: 'Zephyr PROJ' });
  const childModule = await api.created<Schemas['ModuleResource']>(
    `${P}/modules`,
    { name: 'Checkout' },
    { parentId: rootModule.id ?? 0 },
  );
  const zephyrKey = await api.created<Field>(`${P}/settings/test-cases/fields`, {
    label: 'Zephyr Key',
    data_type: 1,
  });
  const environment = await api.created<Field>(`${P}/settings/test-runs/fields`, {
    label: 'Environment',
    data_type: 3,
    allowed_values: [{ label: 'Staging' }],
  });
  const priority = fieldLabelled(await fieldsOf(api, 'test-cases'), 'Priority');
  const testCase = await api.created<Schemas['TestCaseWithCustomFieldResource']>(
    `${P}/test-cases`,
    {
      name: 'Pay with a saved card',
      parent_id: childModule.id,
      description: 'Checkout with a stored card',
      properties: [{ field_id: zephyrKey.id, field_value: 'PROJ-T1' }, picklistProperty(priority, 'High')],
      test_steps: [
        { description: 'Open the cart', expected: 'The cart shows one item', order: 1 },
        { description: 'Pay', expected: 'The order is confirmed', order: 2 },
      ],
    },
    undefined,
    200,
  );
  const release = await api.created<Schemas['ReleaseWithCustomFieldResource']>(`${P}/releases`, {
    name: 'Release 1.0',
    properties: [],
    start_date: '2024-01-01T00:00:00.000Z',
    end_date: '2024-06-30T00:00:00.000Z',
  });
  const cycle = await api.created<Schemas['TestCycleResource']>(
    `${P}/test-cycles`,
    { name: 'Sprint 1' },
    { parentType: 'release', parentId: release.id ?? 0 },
  );
  const nestedCycle = await api.created<Schemas['TestCycleResource']>(
    `${P}/test-cycles`,
    { name: 'Regression' },
    { parentType: 'test-cycle', parentId: cycle.id ?? 0 },
  );
  const suite = await api.created<Schemas['TestSuiteWithCustomFieldResource']>(
    `${P}/test-suites`,
    { name: 'Smoke', properties: [] },
    { parentType: 'test-cycle', parentId: cycle.id ?? 0 },
    200,
  );
  const run = await api.created<Schemas['TestRunWithCustomFieldResource']>(
    `${P}/test-runs`,
    {
      name: 'Pay with a saved card',
      properties: [picklistProperty(environment, 'Staging')],
      test_case: { id: testCase.id },
    },
    { parentType: 'test-cycle', parentId: nestedCycle.id ?? 0 },
  );
  const [firstStep, secondStep] = testCase.test_steps ?? [];
  const log = await api.created<Schemas['TestLogResource']>(`${P}/test-runs/${run.id}/test-logs`, {
    status: { id: 602 },
    exe_start_date: EXECUTED.start,
    exe_end_date: EXECUTED.end,
    note: 'Executed by Jane (Zephyr PROJ-E1)',
    test_step_logs: [
      { test_step_id: firstStep?.id, status: { id: 601 }, actual_result: 'As expected', order: 1 },
      { test_step_id: secondStep?.id, status: { id: 602 }, actual_result: 'Payment declined', order: 2 },
    ],
  });
  const requirement = await api.created<Schemas['RequirementResource']>(
    `${P}/requirements`,
    { name: 'JIRA-1 Card payments', properties: [] },
    undefined,
    200,
  );
  const upload = await api.request<Schemas['AttachmentResource']>(
    'POST',
    `${P}/test-cases/${testCase.id}/blob-handles`,
    {
      body: Buffer.from('card.png bytes'),
      headers: { 'File-Name': 'card.png', 'Content-Type': 'image/png' },
    },
  );
  if (upload.status !== 201) throw new Error(`upload answered ${upload.status}`);
  return {
    rootModule,
    childModule,
    zephyrKey,
    environment,
    testCase,
    release,
    cycle,
    nestedCycle,
    suite,
    run,
    log,
    requirement,
    attachment: upload.body,
  };
}
