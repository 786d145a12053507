import { z } from 'zod';
import { jsonBody, type SimRequest } from '../server/simulator-server.js';
import { badRequest } from './zephyr-errors.js';

/**
 * The spec's request bodies for the write endpoints the simulator serves, checked as the
 * service's request validation does: required fields, types, enum values, patterns and lengths.
 * Optional fields may be left out but not sent as null (the spec types none of them nullable),
 * except a folder's `parentId`, which "must be null for root folders".
 */

const projectKey = z.string().regex(/^[A-Z][A-Z_0-9]+$/, 'must be a Jira project key such as PROJ');
/** The spec's EntityName (not blank) with the 1..255 characters it gives folder, status and priority names. */
const entityName = z.string().min(1).max(255).regex(/\S/, 'must not be blank');
/** StatusName, PriorityName. */
const optionName = z.string().min(1).max(255);
const accountId = z.string().regex(/^[-:a-zA-Z0-9]{1,128}$/, 'must be an Atlassian account id');
const dateTime = z.iso.datetime({ offset: true });
const entityId = z.number().int().min(1);
const milliseconds = z.number().int().min(0);
const customFields = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()]),
);

export const testCaseInput = z.object({
  projectKey,
  name: entityName,
  objective: z.string().optional(),
  precondition: z.string().optional(),
  estimatedTime: milliseconds.optional(),
  componentId: z.number().int().min(0).optional(),
  priorityName: optionName.optional(),
  statusName: optionName.optional(),
  folderId: entityId.optional(),
  ownerId: accountId.optional(),
  labels: z.array(z.string()).optional(),
  customFields: customFields.optional(),
});

export const testScriptInput = z.object({
  type: z.enum(['plain', 'bdd']),
  text: z.string().min(1),
});

/** "A maximum of 100 steps can be posted per request." */
export const MAX_STEPS_PER_REQUEST = 100;

const testStepInput = z
  .object({
    inline: z
      .object({
        description: z.string().optional(),
        testData: z.string().optional(),
        expectedResult: z.string().optional(),
        customFields: customFields.optional(),
      })
      .optional(),
    testCase: z
      .object({
        testCaseKey: z.string().regex(/^.+-T[0-9]+$/, 'must be a test case key such as PROJ-T1'),
        parameters: z
          .array(
            z.object({
              name: z.string().min(1),
              type: z.enum(['MANUAL_INPUT', 'DEFAULT_VALUE']),
              value: z.string().default(''),
            }),
          )
          .optional(),
      })
      .optional(),
  })
  .refine((step) => (step.inline === undefined) !== (step.testCase === undefined), {
    message: 'a step holds either inline or testCase, exactly one of them',
  });

export const testStepsInput = z.object({
  mode: z.enum(['APPEND', 'OVERWRITE']),
  items: z
    .array(testStepInput)
    .max(MAX_STEPS_PER_REQUEST, `at most ${MAX_STEPS_PER_REQUEST} steps can be posted per request`),
});

export const testCycleInput = z.object({
  projectKey,
  name: entityName,
  description: z.string().optional(),
  plannedStartDate: dateTime.optional(),
  plannedEndDate: dateTime.optional(),
  jiraProjectVersion: entityId.optional(),
  statusName: optionName.optional(),
  folderId: entityId.optional(),
  ownerId: accountId.optional(),
  customFields: customFields.optional(),
});

export const testExecutionInput = z.object({
  projectKey,
  testCaseKey: z.string().regex(/^.+-T[0-9]+$/, 'must be a test case key such as PROJ-T1'),
  testCycleKey: z
    .string()
    .regex(/^([0-9]+|.+-R[0-9]+)$/, 'must be a test cycle key such as PROJ-R1 or its id'),
  statusName: optionName,
  testScriptResults: z
    .array(
      z.object({
        statusName: optionName,
        actualEndDate: dateTime.optional(),
        actualResult: z.string().optional(),
      }),
    )
    .optional(),
  environmentName: z.string().optional(),
  actualEndDate: dateTime.optional(),
  executionTime: milliseconds.optional(),
  executedById: accountId.optional(),
  assignedToId: accountId.optional(),
  comment: z.string().optional(),
  customFields: customFields.optional(),
});

/** A reference to another entity as the representations give it: `{ id, self }`; `self` is ignored. */
const idLink = z.object({ id: entityId }).loose();

/**
 * `PUT /testcases/{key}` takes the whole `TestCase` representation (id, key, name, project,
 * priority and status required); read-only parts a client echoes (`createdOn`, `testScript`,
 * `links`) are ignored. "For each non-specified field the value will be cleared" (spec).
 */
export const testCaseUpdateInput = z.object({
  id: entityId,
  key: z.string().regex(/^.+-T[0-9]+$/, 'must be a test case key such as PROJ-T1'),
  name: entityName,
  project: idLink,
  priority: idLink,
  status: idLink,
  objective: z.string().optional(),
  precondition: z.string().optional(),
  estimatedTime: milliseconds.optional(),
  labels: z.array(z.string()).optional(),
  component: idLink.optional(),
  folder: idLink.optional(),
  owner: z.object({ accountId }).loose().optional(),
  customFields: customFields.optional(),
});

/** `PUT /testcycles/{idOrKey}`: the whole `TestCycle` representation, as for test cases. */
export const testCycleUpdateInput = z.object({
  id: entityId,
  key: z.string().regex(/^.+-[RC][0-9]+$/, 'must be a test cycle key such as PROJ-R1'),
  name: entityName,
  project: idLink,
  status: idLink,
  jiraProjectVersion: idLink.optional(),
  folder: idLink.optional(),
  description: z.string().optional(),
  plannedStartDate: dateTime.optional(),
  plannedEndDate: dateTime.optional(),
  owner: z.object({ accountId }).loose().optional(),
  customFields: customFields.optional(),
});

/** `PUT /testexecutions/{idOrKey}`: `TestExecutionUpdate`, every field optional. */
export const testExecutionUpdateInput = z.object({
  statusName: optionName.optional(),
  environmentName: z.string().optional(),
  actualEndDate: dateTime.optional(),
  executionTime: milliseconds.optional(),
  executedById: accountId.optional(),
  assignedToId: accountId.optional(),
  comment: z.string().optional(),
});

export const folderInput = z.object({
  parentId: entityId.nullable().optional(),
  name: entityName,
  projectKey,
  folderType: z.enum(['TEST_CASE', 'TEST_PLAN', 'TEST_CYCLE']),
});

/** The request's JSON body checked against `schema`; a violation is a 400 naming the first field at fault. */
export function parseBody<T>(schema: z.ZodType<T>, request: SimRequest): T {
  const body = jsonBody(request);
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue) throw badRequest('Request body is invalid');
  const field = fieldName(issue.path);
  // An issue with a field that is absent can only mean it is required: say so in the service's
  // own wording, as in the spec's example error.
  if (issue.path.length > 0 && valueAt(body, issue.path) === undefined) {
    throw badRequest(`${field} must not be null`);
  }
  throw badRequest(`${field}: ${issue.message}`);
}

/** `items[3].testCase.testCaseKey`. */
function fieldName(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'request body';
  return path
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}
