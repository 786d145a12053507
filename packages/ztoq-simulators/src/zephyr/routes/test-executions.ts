import type { z } from 'zod';
import type { DatasetStepResult, DatasetTestCase } from '../../dataset/zephyr-dataset.js';
import { queryBoolean } from '../../server/query-parameters.js';
import { pageOf } from '../paged-response.js';
import { dateTimeParameter, integerParameter, stringParameter } from '../query-parameters.js';
import { parseBody, testExecutionInput, testExecutionUpdateInput } from '../request-bodies.js';
import { badRequest } from '../zephyr-errors.js';
import type { ZephyrStore } from '../zephyr-store.js';
import { existingTestExecution } from './existing-entities.js';
import { checkProjectKey } from './project-access.js';
import type { ZephyrRouteContext } from './route-context.js';

export function registerTestExecutionRoutes({
  server,
  store,
  represent,
  maxResultsCap,
}: ZephyrRouteContext): void {
  server.route('GET', '/testexecutions', (request) => {
    const { query } = request;
    checkProjectKey(store, stringParameter(query, 'projectKey'));
    const cycleReference = stringParameter(query, 'testCycle');
    const testCaseReference = stringParameter(query, 'testCase');
    const conditions = {
      endedAfter: dateTimeParameter(query, 'actualEndDateAfter'),
      endedBefore: dateTimeParameter(query, 'actualEndDateBefore'),
      jiraProjectVersionId: integerParameter(query, 'jiraProjectVersionId', 1),
      onlyLastExecutions: queryBoolean(query, 'onlyLastExecutions'),
    };
    // Checked for its type only: the spec does not show where step links would appear.
    queryBoolean(query, 'includeStepLinks');

    const cycle = cycleReference === undefined ? undefined : store.testCycle(cycleReference);
    const testCaseKey = testCaseReference === undefined ? undefined : testCaseKeyOf(store, testCaseReference);
    // A testCycle or testCase that names nothing matches no execution: an empty page, as for any
    // filter value no execution has (the spec is silent; a 404 would be as plausible).
    const namesNothing =
      (cycleReference !== undefined && cycle === undefined) ||
      (testCaseReference !== undefined && testCaseKey === undefined);
    const positions = namesNothing
      ? []
      : store.executionPositions({ ...conditions, testCycleId: cycle?.id, testCaseKey });
    return {
      status: 200,
      body: pageOf(positions, request, maxResultsCap, (position) =>
        represent.testExecution(store.testExecutions.at(position)),
      ),
    };
  });

  server.route('GET', '/testexecutions/{testExecutionIdOrKey}', ({ params, query }) => {
    queryBoolean(query, 'includeStepLinks');
    return {
      status: 200,
      body: represent.testExecution(existingTestExecution(store, params.testExecutionIdOrKey)),
    };
  });

  server.route('GET', '/testexecutions/{testExecutionIdOrKey}/teststeps', (request) => {
    const execution = existingTestExecution(store, request.params.testExecutionIdOrKey);
    // Checked for its type only: the data set has no test data tables, so there are no rows to pick.
    integerParameter(request.query, 'testDataRowNumber', 0);
    return {
      status: 200,
      body: pageOf(execution.stepResults, request, maxResultsCap, (result) =>
        represent.testExecutionStep(result),
      ),
    };
  });

  server.route('GET', '/testexecutions/{testExecutionIdOrKey}/links', ({ params }) => ({
    status: 200,
    body: represent.testExecutionLinks(existingTestExecution(store, params.testExecutionIdOrKey)),
  }));

  // updateTestExecution: answers 200 with no body (API-NOTES A.6). API-NOTES says a PUT clears
  // what it leaves out; the status cannot be cleared, so a body without statusName keeps it.
  // Step results are changed through `PUT …/teststeps`, not here.
  server.route('PUT', '/testexecutions/{testExecutionIdOrKey}', (request) => {
    const execution = existingTestExecution(store, request.params.testExecutionIdOrKey);
    const input = parseBody(testExecutionUpdateInput, request);
    const statusId =
      input.statusName === undefined
        ? execution.statusId
        : executionStatusId(store, input.statusName, 'statusName');
    const environment =
      input.environmentName === undefined ? undefined : store.environmentNamed(input.environmentName);
    if (input.environmentName !== undefined && !environment) {
      throw badRequest(`environmentName: environment '${input.environmentName}' does not exist`);
    }
    store.updateTestExecution(String(execution.id), (current) => {
      const {
        environmentId: _environmentId,
        actualEndDate: _actualEndDate,
        executionTime: _executionTime,
        executedById: _executedById,
        assignedToId: _assignedToId,
        comment: _comment,
        ...kept
      } = current;
      return {
        ...kept,
        statusId,
        ...(environment === undefined ? {} : { environmentId: environment.id }),
        ...(input.actualEndDate === undefined ? {} : { actualEndDate: input.actualEndDate }),
        ...(input.executionTime === undefined ? {} : { executionTime: input.executionTime }),
        ...(input.executedById === undefined ? {} : { executedById: input.executedById }),
        ...(input.assignedToId === undefined ? {} : { assignedToId: input.assignedToId }),
        ...(input.comment === undefined ? {} : { comment: input.comment }),
      };
    });
    // The spec's 200 carries a `location` header naming the updated execution.
    return { status: 200, headers: { location: represent.url(`/testexecutions/${execution.id}`) } };
  });

  // The spec answers 201 with only a `location` header, no body.
  server.route('POST', '/testexecutions', (request) => {
    const input = parseBody(testExecutionInput, request);
    checkProjectKey(store, input.projectKey);
    const testCase = store.testCase(input.testCaseKey);
    if (!testCase) throw badRequest(`testCaseKey: test case '${input.testCaseKey}' does not exist`);
    const cycle = store.testCycle(input.testCycleKey);
    if (!cycle) throw badRequest(`testCycleKey: test cycle '${input.testCycleKey}' does not exist`);
    const status = executionStatusId(store, input.statusName, 'statusName');
    const environment =
      input.environmentName === undefined ? undefined : store.environmentNamed(input.environmentName);
    if (input.environmentName !== undefined && !environment) {
      throw badRequest(`environmentName: environment '${input.environmentName}' does not exist`);
    }
    const execution = store.createTestExecution({
      testCaseKey: testCase.key,
      testCaseVersion: testCase.version,
      testCycleId: cycle.id,
      environmentId: environment?.id,
      jiraProjectVersionId: cycle.jiraProjectVersionId,
      statusId: status,
      actualEndDate: input.actualEndDate,
      estimatedTime: testCase.estimatedTime,
      executionTime: input.executionTime,
      executedById: input.executedById,
      assignedToId: input.assignedToId,
      comment: input.comment,
      automated: false,
      customFields: input.customFields ?? {},
      issueLinks: [],
      stepResults: stepResults(store, testCase, input.testScriptResults),
    });
    return { status: 201, headers: { location: represent.url(`/testexecutions/${execution.id}`) } };
  });
}

/** `testCase` takes a key or an id. */
function testCaseKeyOf(store: ZephyrStore, reference: string): string | undefined {
  if (!/^[0-9]+$/.test(reference)) return store.testCase(reference)?.key;
  const position = store.testCasePositionOfId(Number(reference));
  return position === undefined ? undefined : store.testCases.at(position).key;
}

function executionStatusId(store: ZephyrStore, name: string, field: string): number {
  const status = store.statusNamed(name, 'TEST_EXECUTION');
  if (!status) throw badRequest(`${field}: test execution status '${name}' does not exist`);
  return status.id;
}

type ScriptResults = z.infer<typeof testExecutionInput>['testScriptResults'];

/**
 * One result per step of the case, by position, with the step's text; steps without a posted
 * result get the default execution status ("Not Executed"). Cases that call other tests are
 * refused, as the spec says they are "not supported". Assumption: a plain or BDD script runs
 * as a whole, so its execution takes the posted results as they are.
 */
function stepResults(
  store: ZephyrStore,
  testCase: DatasetTestCase,
  posted: ScriptResults,
): DatasetStepResult[] {
  const results = posted ?? [];
  const statusOf = (index: number): number => {
    const result = results[index];
    if (result) return executionStatusId(store, result.statusName, `testScriptResults[${index}].statusName`);
    const fallback = store.defaultStatus('TEST_EXECUTION');
    if (!fallback) throw badRequest('The project has no test execution status');
    return fallback.id;
  };
  const { content } = testCase;
  if (content.kind !== 'steps') {
    return results.map((result, index) => ({ actualResult: result.actualResult, statusId: statusOf(index) }));
  }
  const inlineSteps = content.steps.filter((step) => step.kind === 'inline');
  if (inlineSteps.length !== content.steps.length) {
    throw badRequest('testCaseKey: test cases with call to test steps are not supported');
  }
  if (posted !== undefined && posted.length !== inlineSteps.length) {
    throw badRequest(
      `testScriptResults: test case '${testCase.key}' has ${inlineSteps.length} steps, ${posted.length} results were sent`,
    );
  }
  return inlineSteps.map((step, index) => ({
    description: step.description,
    testData: step.testData,
    expectedResult: step.expectedResult,
    actualResult: results[index]?.actualResult,
    statusId: statusOf(index),
  }));
}
