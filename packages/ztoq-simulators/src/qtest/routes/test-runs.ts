import type { qtestApi } from '@ztoq/core';
import { queryChoice } from '../../server/query-parameters.js';
import { SimHttpError, type SimulatorServer } from '../../server/simulator-server.js';
import {
  containerFrom,
  isWithin,
  RUN_PARENT_TYPES,
  requireContainer,
  sameContainer,
} from '../execution-tree.js';
import { resolveProperties } from '../field-values.js';
import { PAGE_SIZE_PAGING, pagedEnvelope, pageRequest } from '../paging.js';
import type { QTestStore, StoredProperty } from '../qtest-store.js';
import { ProjectResources } from '../resources.js';
import { parseBody, testRunBody, testRunUpdateBody } from '../validation.js';
import { callerOf, found, projectOf } from './route-support.js';

type TestRunList = qtestApi.components['schemas']['TestRunListResource'];

/** Test runs under any container of the execution tree, and the execution statuses (API-NOTES B.8). */
export function registerTestRunRoutes(server: SimulatorServer, store: QTestStore): void {
  const base = '/api/v3/projects/{projectId}/test-runs';

  server.route('POST', base, (request) => {
    const project = projectOf(store, request);
    const caller = callerOf(store, request);
    const body = parseBody(request, testRunBody);
    const parent = containerFrom(request.query, RUN_PARENT_TYPES, body);
    requireContainer(project, parent);
    const testCase = project.testCases.get(body.test_case.id);
    if (!testCase) {
      throw new SimHttpError(
        400,
        `test_case.id ${body.test_case.id} is not a test case of project ${project.id}`,
      );
    }
    const versionId = body.test_case_version_id ?? project.latestVersion(testCase).id;
    if (!testCase.versions.some((version) => version.id === versionId)) {
      throw new SimHttpError(
        400,
        `test_case_version_id ${versionId} is not a version of test case ${testCase.id}`,
      );
    }
    const run = store.addTestRun(project, {
      name: body.name ?? testCase.name,
      parent,
      properties: resolveProperties(project, 'test-runs', body.properties, store.users()),
      testCaseId: testCase.id,
      testCaseVersionId: versionId,
      creatorId: caller.id,
      automated: false,
    });
    return {
      status: 201,
      body: new ProjectResources(store, project, request.url.origin).testRun(run, { testCaseSteps: false }),
    };
  });

  server.route('GET', base, (request) => {
    const project = projectOf(store, request);
    const parent = containerFrom(request.query, RUN_PARENT_TYPES);
    requireContainer(project, parent);
    const descendants = queryChoice(request.query, 'expand', ['descendants']) !== undefined;
    const paging = pageRequest(request.query, PAGE_SIZE_PAGING);
    const runs = [...project.testRuns.values()].filter((run) =>
      descendants ? isWithin(project, run.parent, parent) : sameContainer(run.parent, parent),
    );
    const resources = new ProjectResources(store, project, request.url.origin);
    const page = pagedEnvelope(runs, paging);
    const body: TestRunList = {
      ...page,
      items: page.items.map((run) => resources.testRun(run, { testCaseSteps: false })),
    };
    return { status: 200, body };
  });

  server.route('GET', `${base}/execution-statuses`, (request) => {
    const project = projectOf(store, request);
    const resources = new ProjectResources(store, project, request.url.origin);
    return { status: 200, body: project.executionStatuses.map((status) => resources.status(status)) };
  });

  // updateTestRunById. With `parentId`/`parentType` the run moves and the body is ignored
  // (API-NOTES B.8); without them the body renames the run or sets its properties.
  server.route('PUT', `${base}/{testRunId}`, (request) => {
    const project = projectOf(store, request);
    const run = found(project.testRuns, request, 'testRunId', 'Test run');
    const resources = new ProjectResources(store, project, request.url.origin);
    if (request.query.has('parentId') || request.query.has('parentType')) {
      const parent = containerFrom(request.query, RUN_PARENT_TYPES);
      requireContainer(project, parent);
      const moved = store.moveTestRun(project, run, parent);
      return { status: 200, body: resources.testRun(moved, { testCaseSteps: false }) };
    }
    const body = parseBody(request, testRunUpdateBody);
    // The schema requires `test_case`, but a run cannot change its test case; one that names
    // another case is refused rather than ignored (assumption: the spec is silent).
    if (body.test_case !== undefined && body.test_case.id !== run.testCaseId) {
      throw new SimHttpError(
        400,
        `test_case.id ${body.test_case.id} differs from the run's test case ${run.testCaseId}`,
      );
    }
    const updated = store.updateTestRun(project, run, {
      name: body.name ?? run.name,
      // Partial, as test-log properties: a field left out keeps its value, so the Status that
      // follows the latest log survives an edit of the run's other fields (assumption).
      properties: mergeProperties(
        run.properties,
        resolveProperties(project, 'test-runs', body.properties, store.users(), 'partial'),
      ),
    });
    return { status: 200, body: resources.testRun(updated, { testCaseSteps: false }) };
  });

  server.route('GET', `${base}/{testRunId}`, (request) => {
    const project = projectOf(store, request);
    const run = found(project.testRuns, request, 'testRunId', 'Test run');
    // The response always carries the test case (the schema requires it); `testcase.teststep`
    // adds the steps of the run's test case version.
    const expand = queryChoice(request.query, 'expand', ['testcase', 'testcase.teststep']);
    return {
      status: 200,
      body: new ProjectResources(store, project, request.url.origin).testRun(run, {
        testCaseSteps: expand === 'testcase.teststep',
      }),
    };
  });
}

/** The run's properties with the given ones replacing those of the same field. */
function mergeProperties(
  current: readonly StoredProperty[],
  given: readonly StoredProperty[],
): StoredProperty[] {
  const fields = new Set(given.map((property) => property.fieldId));
  return [...current.filter((property) => !fields.has(property.fieldId)), ...given];
}
