/**
 * Request bodies as the qTest spec defines them. Each schema `satisfies` the generated spec
 * type, so the compiler proves that whatever the simulator accepts is a value of the spec's
 * request schema; the schemas add the constraints the spec states in prose or in keywords the
 * generated types drop (lengths, minimums, required-in-text fields). Unknown keys are dropped,
 * as qTest ignores them; read-only keys a client echoes back (`id`, `links`) are accepted and
 * ignored for the same reason.
 */
import type { qtestApi } from '@ztoq/core';
import { z } from 'zod';
import { jsonBody, SimHttpError, type SimRequest } from '../server/simulator-server.js';

type Schemas = qtestApi.components['schemas'];

/** Names of modules, test cases, cycles, suites, runs, releases and requirements: 1..500 (spec). */
const name = z
  .string()
  .min(1)
  .max(500)
  .refine((text) => text.trim() !== '', 'must not be blank');
const dateTime = z.iso.datetime({ offset: true });
const id = z.number().int();

const propertyBody = z.object({
  field_id: id,
  field_value: z.string().optional(),
  field_name: z.string().optional(),
  field_value_name: z.string().optional(),
}) satisfies z.ZodType<Schemas['PropertyResource']>;

/** `properties` is required by the spec on test cases, runs, suites, releases and requirements. */
const properties = z.array(propertyBody);

/** The inline attachment form (`{name, content_type, data}`) of test-case and test-log bodies. */
const inlineAttachment = z.object({
  name: z.string().min(1),
  content_type: z.string().min(1),
  // "data is used for uploading"; the encoding is not stated, base64 is the usual JSON form.
  data: z.base64(),
}) satisfies z.ZodType<Schemas['AttachmentResource']>;

export const moduleBody = z
  .object({
    name,
    description: z.string().optional(),
    // Before qTest 6 the parent went in the body; the query parameter replaced it.
    parent_id: id.optional(),
    shared: z.boolean().optional(),
    tosca_guid: z.string().optional(),
    tosca_node_path: z.string().optional(),
  })
  .refine((body) => (body.tosca_guid === undefined) === (body.tosca_node_path === undefined), {
    message: 'tosca_guid and tosca_node_path must be given together',
  }) satisfies z.ZodType<Schemas['ModuleResource']>;

const allowedValueBody = z.object({
  label: z.string().refine((text) => text.trim() !== '', 'must not be blank'),
  // Values are assigned by qTest; one sent by the client is ignored.
  value: id.optional(),
  order: id.optional(),
  is_default: z.boolean().optional(),
  is_active: z.boolean().optional(),
  color: z.string().optional(),
}) satisfies z.ZodType<Schemas['AllowedValueResource']>;

/** "Creates maximum 100 allowed values" per call (spec). */
export const allowedValuesBody = z
  .array(allowedValueBody)
  .min(1, 'at least one allowed value is needed')
  .max(100, 'at most 100 allowed values per call') satisfies z.ZodType<Schemas['AllowedValueResource'][]>;

export const fieldBody = z.object({
  label: z.string().refine((text) => text.trim() !== '', 'must not be blank'),
  // "data_type (required)" in the spec's text; the codes are checked against the list there.
  data_type: id,
  required: z.boolean().optional(),
  multiple: z.boolean().optional(),
  searchable: z.boolean().optional(),
  default_value: z.string().optional(),
  is_active: z.boolean().optional(),
  allowed_values: z.array(allowedValueBody).max(100).optional(),
}) satisfies z.ZodType<Schemas['FieldResource']>;

export const testStepBody = z.object({
  description: z.string(),
  expected: z.string(),
  order: id.min(1).optional(),
  attachments: z.array(inlineAttachment).optional(),
}) satisfies z.ZodType<Schemas['TestStepResource']>;

export const testCaseBody = z
  .object({
    name,
    properties,
    parent_id: id.optional(),
    description: z.string().optional(),
    precondition: z.string().optional(),
    test_steps: z.array(testStepBody).optional(),
    attachments: z.array(inlineAttachment).optional(),
    tosca_guid: z.string().optional(),
    tosca_node_path: z.string().optional(),
  })
  .refine((body) => (body.tosca_guid === undefined) === (body.tosca_node_path === undefined), {
    message: 'tosca_guid and tosca_node_path must be given together',
  }) satisfies z.ZodType<Schemas['TestCaseWithCustomFieldResource']>;

export const releaseBody = z.object({
  name,
  properties,
  description: z.string().optional(),
  note: z.string().optional(),
  start_date: dateTime.optional(),
  end_date: dateTime.optional(),
}) satisfies z.ZodType<Schemas['ReleaseWithCustomFieldResource']>;

export const testCycleBody = z.object({
  name,
  description: z.string().optional(),
  target_release_id: id.optional(),
  target_build_id: id.optional(),
}) satisfies z.ZodType<Schemas['TestCycleResource']>;

export const testSuiteBody = z.object({
  name,
  properties,
  parentId: id.optional(),
  parentType: z.enum(['root', 'release', 'test-cycle']).optional(),
  target_release_id: id.optional(),
  target_build_id: id.optional(),
}) satisfies z.ZodType<Schemas['TestSuiteWithCustomFieldResource']>;

export const testRunBody = z.object({
  // qTest names the run after its test case when the name is left out.
  name: name.optional(),
  properties,
  test_case: z.object({ id }).loose(),
  test_case_version_id: id.optional(),
  parentId: id.optional(),
  parentType: z.enum(['root', 'release', 'test-cycle', 'test-suite']).optional(),
}) satisfies z.ZodType<TestRunRequest>;

/**
 * The spec types the run's `test_case` as a whole test case, whose `properties` are required;
 * the simulator, like the engine and API-NOTES B.8 (`test_case*: { id }`), needs only its id.
 */
type TestRunRequest = Omit<Schemas['TestRunWithCustomFieldResource'], 'test_case'> & {
  test_case: Pick<Schemas['TestCaseWithCustomFieldResource'], 'id'>;
};

/**
 * `PUT …/test-runs/{id}`: the schema of POST, but `test_case` may be left out (a run keeps its
 * test case) and the parent travels in the query only.
 */
export const testRunUpdateBody = z.object({
  name: name.optional(),
  properties,
  test_case: z.object({ id }).loose().optional(),
  test_case_version_id: id.optional(),
}) satisfies z.ZodType<Partial<TestRunRequest>>;

const statusRef = z.object({ id }).loose();

const testStepLogBody = z.object({
  // Optional in the schema, but a step result that names no step cannot be stored.
  test_step_id: id,
  status: statusRef,
  actual_result: z.string().optional(),
  description: z.string().optional(),
  expected_result: z.string().optional(),
  order: id.optional(),
  exe_date: dateTime.optional(),
  attachments: z.array(inlineAttachment).optional(),
  called_test_case_id: id.optional(),
  parent_test_step_id: id.optional(),
}) satisfies z.ZodType<Schemas['TestStepLogResource']>;

export const manualTestLogBody = z.object({
  status: statusRef,
  exe_start_date: dateTime,
  exe_end_date: dateTime,
  note: z.string().optional(),
  name: z.string().optional(),
  test_case_version_id: id.optional(),
  planned_exe_time: id.min(0).max(9_999_999).optional(),
  actual_exe_time: id.optional(),
  build_number: z.string().optional(),
  build_url: z.string().optional(),
  result_number: id.optional(),
  properties: properties.optional(),
  attachments: z.array(inlineAttachment).optional(),
  test_step_logs: z.array(testStepLogBody).optional(),
  submittedBy: z.string().optional(),
}) satisfies z.ZodType<Schemas['ManualTestLogResource']>;

const automationStepLogBody = z.object({
  description: z.string(),
  expected_result: z.string(),
  actual_result: z.string().optional(),
  status: z.string().optional(),
  order: id.optional(),
  exe_date: dateTime.optional(),
}) satisfies z.ZodType<Schemas['AutomationTestStepLog']>;

/** The spec's text marks status, name and automation_content required on top of the two dates. */
/**
 * `PUT …/test-runs/{testRunId}/test-logs/{id}` (modifyTestLog) takes a `TestLogResource`:
 * status and both dates are required. API-NOTES B.9: the test case version, build number and
 * build URL cannot change, nor a step's description or expected result.
 */
export const testLogUpdateBody = z.object({
  status: statusRef,
  exe_start_date: dateTime,
  exe_end_date: dateTime,
  note: z.string().optional(),
  name: z.string().optional(),
  test_case_version_id: id.optional(),
  planned_exe_time: id.min(0).max(9_999_999).optional(),
  actual_exe_time: id.optional(),
  build_number: z.string().optional(),
  build_url: z.string().optional(),
  result_number: id.optional(),
  properties: properties.optional(),
  test_step_logs: z.array(testStepLogBody.extend({ id: id.optional() })).optional(),
}) satisfies z.ZodType<Omit<Schemas['TestLogResource'], 'test_step_logs'>>;

export const automationTestLogBody = z.object({
  status: z.string().min(1),
  exe_start_date: dateTime,
  exe_end_date: dateTime,
  name,
  automation_content: z.string().min(1),
  note: z.string().optional(),
  test_case_version_id: id.optional(),
  build_number: z.string().optional(),
  build_url: z.string().optional(),
  planned_exe_time: id.min(0).max(9_999_999).optional(),
  actual_exe_time: id.optional(),
  module_names: z.array(z.string().min(1)).optional(),
  test_step_logs: z.array(automationStepLogBody).optional(),
}) satisfies z.ZodType<Schemas['AutomationTestLogResource']>;

export const automationRequestBody = z.object({
  test_logs: z.array(automationTestLogBody).min(1),
  // "ID/PID" of an existing suite and module (API-NOTES B.10).
  test_suite: z.string().optional(),
  parent_module: z.string().optional(),
  execution_date: z.string().optional(),
}) satisfies z.ZodType<Schemas['AutomationRequest']>;

export const requirementBody = z.object({
  name,
  properties,
}) satisfies z.ZodType<Schemas['RequirementResource']>;

/** `POST …/{objectType}/{objectId}/link`: a JSON array of the target ids. */
export const linkIdsBody = z.array(id).min(1);

export const searchBody = z.object({
  object_type: z.string().min(1),
  fields: z.array(z.string()).optional(),
  query: z.string().optional(),
}) satisfies z.ZodType<Schemas['ArtifactSearchParams']>;

/**
 * Assumption: the qTest spec states no size limit for bodies or text fields. qTest stores rich
 * text in columns of 65,535 characters and its gateway refuses bodies over 10 MB, answering 413
 * to both; the simulator does the same so that a client's handling of 413 can be exercised.
 */
const MAX_TEXT_CHARACTERS = 65_535;
const MAX_BODY_BYTES = 10 * 1024 * 1024;

function longestText(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (Array.isArray(value)) return Math.max(0, ...value.map(longestText));
  if (value !== null && typeof value === 'object')
    return Math.max(0, ...Object.values(value).map(longestText));
  return 0;
}

/** Parses a request's JSON body with a schema, answering 400 with every problem on one line. */
export function parseBody<T>(request: SimRequest, schema: z.ZodType<T>): T {
  if (request.body.length > MAX_BODY_BYTES) {
    throw new SimHttpError(413, `Request body exceeds ${MAX_BODY_BYTES} bytes`);
  }
  const parsed = jsonBody(request);
  if (longestText(parsed) > MAX_TEXT_CHARACTERS) {
    throw new SimHttpError(413, `A text value exceeds ${MAX_TEXT_CHARACTERS} characters`);
  }
  const result = schema.safeParse(parsed);
  if (result.success) return result.data;
  throw new SimHttpError(400, `Invalid request body: ${describeIssues(result.error)}`);
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path
        .map((part, index) =>
          typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`,
        )
        .join('');
      return path === '' ? issue.message : `${path}: ${issue.message}`;
    })
    .join('; ');
}
