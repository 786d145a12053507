import { DATA_TYPE } from './field-values.js';
import type { FieldObjectType, ProjectState, QTestStore, StoredField, StoredUser } from './qtest-store.js';

export interface UserSeed {
  id?: number;
  username: string;
  email?: string;
  firstName?: string;
  lastName?: string;
}

export interface CustomFieldSeed {
  objectType: FieldObjectType;
  label: string;
  dataType: number;
  required?: boolean;
  /** Labels of the allowed values of a picklist. */
  allowedValues?: string[];
}

export interface TestCaseSeed {
  name: string;
  description?: string;
  precondition?: string;
  /**
   * Field values by field label: the text for text fields, the allowed value's label for
   * picklists (`{ Priority: 'High', 'Zephyr Key': 'PROJ-T1' }`).
   */
  properties?: Record<string, string>;
  steps?: { description: string; expected: string }[];
  /** Approve the case after creating it (version `1.0`). */
  approved?: boolean;
}

export interface ModuleSeed {
  name: string;
  description?: string;
  children?: ModuleSeed[];
  testCases?: TestCaseSeed[];
}

/** A project with qTest's usual default settings, plus optional content already in it. */
export interface ProjectSeed {
  id?: number;
  name?: string;
  description?: string;
  /** Custom fields to create on top of the system fields. */
  customFields?: CustomFieldSeed[];
  /** Modules (with their test cases) already in the project, as after an interrupted migration. */
  modules?: ModuleSeed[];
}

export const DEFAULT_PROJECT_ID = 1001;

export const DEFAULT_USERS: readonly UserSeed[] = [
  { username: 'admin@simulator.test', firstName: 'Ada', lastName: 'Admin' },
  { username: 'tester@simulator.test', firstName: 'Tom', lastName: 'Tester' },
  { username: 'lead@simulator.test', firstName: 'Lea', lastName: 'Lead' },
];

/**
 * qTest's execution statuses. The spec's example is 601 Passed (#0cdda8); the other ids follow
 * the same numbering and their colours are the simulator's. Unexecuted is the default.
 */
export const EXECUTION_STATUSES = [
  { id: 601, name: 'Passed', color: '#0cdda8', isDefault: false },
  { id: 602, name: 'Failed', color: '#e62424', isDefault: false },
  { id: 603, name: 'Incomplete', color: '#f2a511', isDefault: false },
  { id: 604, name: 'Blocked', color: '#6c6c6c', isDefault: false },
  { id: 605, name: 'Unexecuted', color: '#b0b0b0', isDefault: true },
] as const;

export function seedUsers(store: QTestStore, users: readonly UserSeed[]): StoredUser[] {
  return users.map((user) =>
    store.addUser({
      ...(user.id === undefined ? {} : { id: user.id }),
      username: user.username,
      email: user.email ?? user.username,
      firstName: user.firstName ?? user.username,
      lastName: user.lastName ?? '',
    }),
  );
}

export function seedProject(store: QTestStore, seed: ProjectSeed, index: number): ProjectState {
  const admin = store.users()[0];
  const project = store.addProject({
    id: seed.id ?? DEFAULT_PROJECT_ID + index,
    name: seed.name ?? (index === 0 ? 'Simulator Project' : `Simulator Project ${index + 1}`),
    description: seed.description ?? 'A qTest project served by the ztoq simulator',
    adminIds: admin ? [admin.id] : [],
  });
  project.executionStatuses.push(...EXECUTION_STATUSES);
  seedSystemFields(store, project);
  for (const field of seed.customFields ?? []) {
    store.addField(project, {
      objectType: field.objectType,
      label: field.label,
      dataType: field.dataType,
      required: field.required ?? false,
      multiple: field.dataType === DATA_TYPE.checkBox || field.dataType === DATA_TYPE.multiSelect,
      searchable: true,
      systemField: false,
      isActive: true,
      allowedValues: (field.allowedValues ?? []).map((label) => ({
        value: store.nextId(),
        label,
        isDefault: false,
        isActive: true,
      })),
    });
  }
  for (const module of seed.modules ?? []) seedModule(store, project, module, undefined);
  return project;
}

interface SystemField {
  label: string;
  dataType: number;
  values?: readonly string[];
  defaultValue?: string;
}

/**
 * The system fields of a new qTest project as far as a migration touches them. Name,
 * description and precondition are top-level attributes, not fields. Which values are the
 * defaults is not in the spec; these follow a new qTest project (New, Manual, Medium).
 */
const SYSTEM_FIELDS: Readonly<Partial<Record<FieldObjectType, readonly SystemField[]>>> = {
  'test-cases': [
    {
      label: 'Status',
      dataType: DATA_TYPE.comboBox,
      values: ['New', 'In Review', 'Approved', 'Obsolete'],
      defaultValue: 'New',
    },
    {
      label: 'Type',
      dataType: DATA_TYPE.comboBox,
      values: ['Manual', 'Automation', 'Performance', 'Scenario'],
      defaultValue: 'Manual',
    },
    {
      label: 'Priority',
      dataType: DATA_TYPE.comboBox,
      values: ['Urgent', 'High', 'Medium', 'Low'],
      defaultValue: 'Medium',
    },
    { label: 'Assigned To', dataType: DATA_TYPE.userList },
    { label: 'Automation', dataType: DATA_TYPE.comboBox, values: ['Yes', 'No'], defaultValue: 'No' },
    { label: 'Automation Content', dataType: DATA_TYPE.textBox },
  ],
  'test-runs': [
    // The run's Status takes the execution statuses (their ids are the allowed values) and
    // follows the latest test log.
    { label: 'Status', dataType: DATA_TYPE.comboBox },
    { label: 'Assigned To', dataType: DATA_TYPE.userList },
    { label: 'Priority', dataType: DATA_TYPE.comboBox, values: ['Urgent', 'High', 'Medium', 'Low'] },
    { label: 'Planned Start Date', dataType: DATA_TYPE.datePicker },
    { label: 'Planned End Date', dataType: DATA_TYPE.datePicker },
  ],
};

function seedSystemFields(store: QTestStore, project: ProjectState): void {
  for (const [objectType, fields] of Object.entries(SYSTEM_FIELDS) as [FieldObjectType, SystemField[]][]) {
    for (const field of fields) {
      const runStatus = objectType === 'test-runs' && field.label === 'Status';
      const allowedValues = runStatus
        ? project.executionStatuses.map((status) => ({
            value: status.id,
            label: status.name,
            isDefault: status.isDefault,
            isActive: true,
            color: status.color,
          }))
        : (field.values ?? []).map((label) => ({
            value: store.nextId(),
            label,
            isDefault: label === field.defaultValue,
            isActive: true,
          }));
      const defaultValue = allowedValues.find((value) => value.isDefault)?.value;
      store.addField(project, {
        objectType,
        label: field.label,
        originalName: field.label,
        dataType: field.dataType,
        required: false,
        multiple: false,
        searchable: true,
        ...(defaultValue === undefined ? {} : { defaultValue: String(defaultValue) }),
        systemField: true,
        isActive: true,
        allowedValues,
      });
    }
  }
}

function seedModule(
  store: QTestStore,
  project: ProjectState,
  seed: ModuleSeed,
  parentId: number | undefined,
): void {
  const module = store.addModule(project, {
    name: seed.name,
    ...(seed.description === undefined ? {} : { description: seed.description }),
    ...(parentId === undefined ? {} : { parentId }),
  });
  const creator = store.users()[0];
  for (const testCase of seed.testCases ?? []) {
    const stored = store.addTestCase(project, {
      name: testCase.name,
      moduleId: module.id,
      ...(testCase.description === undefined ? {} : { description: testCase.description }),
      ...(testCase.precondition === undefined ? {} : { precondition: testCase.precondition }),
      properties: seededProperties(project.fieldsOf('test-cases'), testCase.properties ?? {}),
      steps: testCase.steps ?? [],
      creatorId: creator?.id ?? 0,
    });
    if (testCase.approved) store.approveLatest(project, stored);
  }
  for (const child of seed.children ?? []) seedModule(store, project, child, module.id);
}

/** Turns `{label: text or value label}` into stored properties; a seed naming a missing field is a test bug. */
function seededProperties(fields: StoredField[], values: Record<string, string>) {
  return Object.entries(values).map(([label, value]) => {
    const field = fields.find((candidate) => candidate.label === label);
    if (!field) throw new Error(`qtest simulator seed: no test-case field "${label}"`);
    if (field.allowedValues.length === 0) return { fieldId: field.id, value };
    const allowed = field.allowedValues.find((candidate) => candidate.label === value);
    if (!allowed) throw new Error(`qtest simulator seed: "${value}" is not a value of field "${label}"`);
    return { fieldId: field.id, value: String(allowed.value) };
  });
}
