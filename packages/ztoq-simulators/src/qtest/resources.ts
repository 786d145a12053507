/**
 * Stored objects as qTest answers them. Every builder returns the spec's generated type, so
 * the compiler checks the shapes; the conformance test checks them against the spec itself.
 */
import type { qtestApi } from '@ztoq/core';
import { DATA_TYPE, userListValues, valueName } from './field-values.js';
import type {
  ExecutionStatus,
  FieldObjectType,
  ProjectState,
  QTestStore,
  StoredAllowedValue,
  StoredAttachment,
  StoredField,
  StoredJob,
  StoredModule,
  StoredProperty,
  StoredRelease,
  StoredRequirement,
  StoredTestCase,
  StoredTestCaseVersion,
  StoredTestCycle,
  StoredTestLog,
  StoredTestRun,
  StoredTestStep,
  StoredTestSuite,
  StoredUser,
} from './qtest-store.js';

type Schemas = qtestApi.components['schemas'];

/** Builds the resources of one project for a request that arrived at `origin`. */
export class ProjectResources {
  readonly #store: QTestStore;
  readonly #project: ProjectState;
  readonly #origin: string;

  constructor(store: QTestStore, project: ProjectState, origin: string) {
    this.#store = store;
    this.#project = project;
    this.#origin = origin;
  }

  get #api(): string {
    return `${this.#origin}/api/v3/projects/${this.#project.id}`;
  }

  #self(path: string): Schemas['Link'][] {
    return [{ rel: 'self', href: `${this.#api}${path}` }];
  }

  /** qTest's web address of an object; the spec gives no format, this mimics the UI's. */
  #webUrl(tab: string, id: number): string {
    return `${this.#origin}/p/${this.#project.id}/portal/project#tab=${tab}&id=${id}`;
  }

  project(): Schemas['ProjectResource'] {
    const project = this.#project;
    const admins = project.adminIds.map((id) => this.#store.user(id)).filter((user) => user !== undefined);
    return {
      id: project.id,
      name: project.name,
      description: project.description,
      // A seeded project starts when the simulator does.
      start_date: project.createdAt,
      admins: admins.map((admin) => admin.username),
      admin_ids: admins.map((admin) => admin.id),
      sample: false,
      automation: false,
      links: [{ rel: 'self', href: this.#api }],
    };
  }

  module(module: StoredModule, options: { descendants: boolean }): Schemas['ModuleResource'] {
    const resource: Schemas['ModuleResource'] = {
      id: module.id,
      pid: module.pid,
      name: module.name,
      order: module.order,
      created_date: module.createdAt,
      last_modified_date: module.modifiedAt,
      shared: false,
      links: this.#self(`/modules/${module.id}`),
      ...(module.parentId === undefined ? {} : { parent_id: module.parentId }),
      ...(module.description === undefined ? {} : { description: module.description }),
    };
    if (options.descendants) {
      resource.children = this.#project.childModules(module.id).map((child) => this.module(child, options));
    }
    return resource;
  }

  field(field: StoredField): Schemas['FieldResource'] {
    const allowedValues =
      field.dataType === DATA_TYPE.userList ? userListValues(this.#store.users()) : field.allowedValues;
    return {
      id: field.id,
      label: field.label,
      ...(field.originalName === undefined ? {} : { original_name: field.originalName }),
      data_type: field.dataType,
      required: field.required,
      multiple: field.multiple,
      searchable: field.searchable,
      system_field: field.systemField,
      is_active: field.isActive,
      order: field.order,
      ...(field.defaultValue === undefined ? {} : { default_value: field.defaultValue }),
      ...(allowedValues.length === 0
        ? {}
        : { allowed_values: allowedValues.map((value) => allowedValue(value)) }),
      links: this.#self(`/settings/${field.objectType}/fields/${field.id}`),
    };
  }

  /** Every active field of the object type with its value; unset fields come with an empty value, as in qTest. */
  properties(objectType: FieldObjectType, stored: readonly StoredProperty[]): Schemas['PropertyResource'][] {
    const users = this.#store.users();
    return this.#project
      .fieldsOf(objectType)
      .filter((field) => field.isActive)
      .map((field) => {
        const value = stored.find((property) => property.fieldId === field.id)?.value ?? '';
        return {
          field_id: field.id,
          field_name: field.label,
          field_value: value,
          ...(value === '' ? {} : { field_value_name: valueName(field, value, users) }),
        };
      });
  }

  testCase(
    testCase: StoredTestCase,
    options: { version?: StoredTestCaseVersion; steps: boolean; properties: boolean },
  ): Schemas['TestCaseWithCustomFieldResource'] {
    const version = options.version ?? this.#project.latestVersion(testCase);
    return {
      id: testCase.id,
      pid: testCase.pid,
      name: testCase.name,
      order: testCase.order,
      parent_id: testCase.moduleId,
      web_url: this.#webUrl('testdesign', testCase.id),
      test_case_version_id: version.id,
      version: version.version,
      creator_id: testCase.creatorId,
      created_date: testCase.createdAt,
      last_modified_date: testCase.modifiedAt,
      ...(testCase.description === undefined ? {} : { description: testCase.description }),
      ...(testCase.precondition === undefined ? {} : { precondition: testCase.precondition }),
      // `properties` is required by the schema; leaving them out (expandProps=false) sends an empty list.
      properties: options.properties ? this.properties('test-cases', testCase.properties) : [],
      ...(options.steps ? { test_steps: version.steps.map((step) => this.testStep(testCase, step)) } : {}),
      links: this.#self(`/test-cases/${testCase.id}`),
    };
  }

  testStep(testCase: StoredTestCase, step: StoredTestStep): Schemas['TestStepResource'] {
    return {
      id: step.id,
      description: step.description,
      expected: step.expected,
      order: step.order,
      plain_value_text: step.description,
      links: this.#self(`/test-cases/${testCase.id}/test-steps/${step.id}`),
    };
  }

  release(release: StoredRelease): Schemas['ReleaseWithCustomFieldResource'] {
    return {
      id: release.id,
      pid: release.pid,
      name: release.name,
      order: release.order,
      created_date: release.createdAt,
      last_modified_date: release.modifiedAt,
      web_url: this.#webUrl('testexecution', release.id),
      ...(release.description === undefined ? {} : { description: release.description }),
      ...(release.note === undefined ? {} : { note: release.note }),
      ...(release.startDate === undefined ? {} : { start_date: release.startDate }),
      ...(release.endDate === undefined ? {} : { end_date: release.endDate }),
      properties: this.properties('releases', release.properties),
      links: this.#self(`/releases/${release.id}`),
    };
  }

  testCycle(cycle: StoredTestCycle, options: { descendants: boolean }): Schemas['TestCycleResource'] {
    const container = { type: 'test-cycle', id: cycle.id } as const;
    return {
      id: cycle.id,
      pid: cycle.pid,
      name: cycle.name,
      order: cycle.order,
      created_date: cycle.createdAt,
      last_modified_date: cycle.modifiedAt,
      web_url: this.#webUrl('testexecution', cycle.id),
      ...(cycle.description === undefined ? {} : { description: cycle.description }),
      ...(cycle.targetReleaseId === undefined ? {} : { target_release_id: cycle.targetReleaseId }),
      ...(options.descendants
        ? {
            'test-cycles': [...this.#project.testCycles.values()]
              .filter((child) => child.parent.type === container.type && child.parent.id === container.id)
              .map((child) => this.testCycle(child, options)),
            'test-suites': [...this.#project.testSuites.values()]
              .filter((suite) => suite.parent.type === container.type && suite.parent.id === container.id)
              .map((suite) => this.testSuite(suite)),
          }
        : {}),
      links: this.#self(`/test-cycles/${cycle.id}`),
    };
  }

  testSuite(suite: StoredTestSuite): Schemas['TestSuiteWithCustomFieldResource'] {
    return {
      id: suite.id,
      pid: suite.pid,
      name: suite.name,
      order: suite.order,
      parentId: suite.parent.id,
      parentType: suite.parent.type,
      created_date: suite.createdAt,
      last_modified_date: suite.modifiedAt,
      web_url: this.#webUrl('testexecution', suite.id),
      ...(suite.targetReleaseId === undefined ? {} : { target_release_id: suite.targetReleaseId }),
      properties: this.properties('test-suites', suite.properties),
      links: this.#self(`/test-suites/${suite.id}`),
    };
  }

  testRun(
    run: StoredTestRun,
    options: { testCaseSteps: boolean },
  ): Schemas['TestRunWithCustomFieldResource'] {
    const testCase = this.#project.testCases.get(run.testCaseId);
    if (!testCase) throw new Error(`test run ${run.id} points at missing test case ${run.testCaseId}`);
    const version = testCase.versions.find((candidate) => candidate.id === run.testCaseVersionId);
    const latestLog = this.#project.latestLog(run);
    return {
      id: run.id,
      pid: run.pid,
      name: run.name,
      order: run.order,
      parentId: run.parent.id,
      parentType: run.parent.type,
      created: run.createdAt,
      created_date: run.createdAt,
      last_modified_date: run.modifiedAt,
      creator_id: run.creatorId,
      testCaseId: testCase.id,
      test_case_version_id: run.testCaseVersionId,
      ...(version === undefined ? {} : { test_case_version: version.version }),
      test_case: this.testCase(testCase, {
        ...(version === undefined ? {} : { version }),
        steps: options.testCaseSteps,
        properties: true,
      }),
      properties: this.properties('test-runs', run.properties),
      ...(latestLog
        ? {
            latest_test_log: {
              id: latestLog.id,
              status: this.#statusName(latestLog.statusId),
              exe_start_date: latestLog.exeStartDate,
              exe_end_date: latestLog.exeEndDate,
            },
          }
        : {}),
      links: this.#self(`/test-runs/${run.id}`),
    };
  }

  status(status: ExecutionStatus): Schemas['StatusResource'] {
    return {
      id: status.id,
      name: status.name,
      is_default: status.isDefault,
      color: status.color,
      active: true,
    };
  }

  #statusName(statusId: number): string {
    return this.#project.executionStatuses.find((status) => status.id === statusId)?.name ?? String(statusId);
  }

  #statusRef(statusId: number): Schemas['StatusResource'] {
    const status = this.#project.executionStatuses.find((candidate) => candidate.id === statusId);
    return status ? this.status(status) : { id: statusId };
  }

  /** `testCase` adds the run's test case with its steps, `testSteps` the step each step log is for. */
  testLog(
    log: StoredTestLog,
    expand: { testCase?: boolean; testSteps?: boolean },
  ): Schemas['TestLogResource'] {
    const run = this.#project.testRuns.get(log.testRunId);
    const testCase = run && this.#project.testCases.get(run.testCaseId);
    const version = testCase?.versions.find((candidate) => candidate.id === log.testCaseVersionId);
    const stepOf = (stepId: number) => version?.steps.find((candidate) => candidate.id === stepId);
    return {
      id: log.id,
      test_run_id: log.testRunId,
      status: this.#statusRef(log.statusId),
      exe_start_date: log.exeStartDate,
      exe_end_date: log.exeEndDate,
      test_case_version_id: log.testCaseVersionId,
      ...(log.note === undefined ? {} : { note: log.note }),
      ...(log.name === undefined ? {} : { name: log.name }),
      ...(log.buildNumber === undefined ? {} : { build_number: log.buildNumber }),
      ...(log.buildUrl === undefined ? {} : { build_url: log.buildUrl }),
      ...(log.plannedExeTime === undefined ? {} : { planned_exe_time: log.plannedExeTime }),
      ...(log.actualExeTime === undefined ? {} : { actual_exe_time: log.actualExeTime }),
      // A log carries the run fields it set, not the run's whole field list.
      properties: this.properties('test-runs', log.properties).filter((property) =>
        log.properties.some((set) => set.fieldId === property.field_id),
      ),
      attachments: this.attachmentsOf('test-logs', log.id).map((attachment) => this.attachment(attachment)),
      test_step_logs: log.stepLogs.map((stepLog) => {
        const step = expand.testSteps ? stepOf(stepLog.testStepId) : undefined;
        return {
          test_step_log_id: stepLog.id,
          test_step_id: stepLog.testStepId,
          status: this.#statusRef(stepLog.statusId),
          description: stepLog.description,
          expected_result: stepLog.expectedResult,
          ...(stepLog.actualResult === undefined ? {} : { actual_result: stepLog.actualResult }),
          order: stepLog.order,
          user_id: log.authorId,
          ...(step && testCase ? { test_step: this.testStep(testCase, step) } : {}),
        };
      }),
      ...(expand.testCase && testCase
        ? {
            test_case: this.testCase(testCase, {
              ...(version ? { version } : {}),
              steps: true,
              properties: true,
            }),
          }
        : {}),
      links: this.#self(`/test-runs/${log.testRunId}/test-logs/${log.id}`),
    };
  }

  automationTestLog(log: StoredTestLog): Schemas['AutomationTestLogResourceResponse'] {
    return {
      id: log.id,
      status: this.#statusName(log.statusId),
      exe_start_date: log.exeStartDate,
      exe_end_date: log.exeEndDate,
      test_case_version_id: log.testCaseVersionId,
      ...(log.name === undefined ? {} : { name: log.name }),
      ...(log.note === undefined ? {} : { note: log.note }),
      ...(log.automationContent === undefined ? {} : { automation_content: log.automationContent }),
      ...(log.buildNumber === undefined ? {} : { build_number: log.buildNumber }),
      ...(log.buildUrl === undefined ? {} : { build_url: log.buildUrl }),
      test_step_logs: log.stepLogs.map((stepLog) => ({
        description: stepLog.description,
        expected_result: stepLog.expectedResult,
        ...(stepLog.actualResult === undefined ? {} : { actual_result: stepLog.actualResult }),
        status: this.#statusName(stepLog.statusId),
        order: stepLog.order,
      })),
      links: this.#self(`/test-runs/${log.testRunId}/test-logs/${log.id}`),
    };
  }

  attachmentsOf(objectType: string, objectId: number): StoredAttachment[] {
    return [...this.#project.attachments.values()].filter(
      (attachment) => attachment.objectType === objectType && attachment.objectId === objectId,
    );
  }

  attachment(attachment: StoredAttachment): Schemas['AttachmentResource'] {
    const author = this.#store.user(attachment.authorId);
    return {
      id: attachment.id,
      name: attachment.name,
      content_type: attachment.contentType,
      created_date: attachment.createdAt,
      artifact_id: attachment.objectId,
      web_url: `${this.#api}/attachments/${attachment.id}`,
      ...(author ? { author: attachmentAuthor(author) } : {}),
      links: this.#self(`/${attachment.objectType}/${attachment.objectId}/attachments/${attachment.id}`),
    };
  }

  requirement(requirement: StoredRequirement): Schemas['RequirementResource'] {
    return {
      id: requirement.id,
      pid: requirement.pid,
      name: requirement.name,
      order: requirement.order,
      created_date: requirement.createdAt,
      last_modified_date: requirement.modifiedAt,
      web_url: this.#webUrl('requirements', requirement.id),
      ...(requirement.parentId === undefined ? {} : { parent_id: requirement.parentId }),
      properties: this.properties('requirements', requirement.properties),
      links: this.#self(`/requirements/${requirement.id}`),
    };
  }

  linkedArtifact(
    objectType: string,
    object: { id: number; pid: string },
    linkType: string,
  ): Schemas['LinkedArtifact'] {
    return {
      id: object.id,
      pid: object.pid,
      link_type: linkType,
      self: `${this.#api}/${objectType}/${object.id}`,
    };
  }
}

export function allowedValue(value: StoredAllowedValue): Schemas['AllowedValueResource'] {
  return {
    value: value.value,
    label: value.label,
    order: value.order,
    is_default: value.isDefault,
    is_active: value.isActive,
    ...(value.color === undefined ? {} : { color: value.color }),
  };
}

export function userResource(user: StoredUser): Schemas['UserResource'] {
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    first_name: user.firstName,
    last_name: user.lastName,
    // qTest's user status code for an active user; the spec lists no codes.
    status: 1,
  };
}

function attachmentAuthor(user: StoredUser): Schemas['AttachmentAuthor'] {
  return { id: user.id, email: user.email, first_name: user.firstName, last_name: user.lastName };
}

export function queueJob(job: StoredJob): Schemas['QueueProcessingResponse'] {
  return {
    id: job.id,
    type: job.type,
    state: job.state,
    contentType: 'application/json',
    content: job.content,
  };
}
