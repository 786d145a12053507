import type {
  DatasetEnvironment,
  DatasetPriority,
  DatasetStatus,
  StatusType,
} from '../dataset/zephyr-dataset.js';
import { ID_BASE } from './identifiers.js';

/**
 * A project's statuses, priorities and environments: Zephyr's defaults plus one custom execution
 * status, the same for every seed since teams rarely change them. "Not Executed" exists both as
 * a cycle and an execution status, with different ids, as in Zephyr: a status is only known by
 * its type and name together.
 */
const STATUS_NAMES: Readonly<
  Record<StatusType, readonly { name: string; color: string; description?: string }[]>
> = {
  TEST_CASE: [
    { name: 'Draft', color: '#cccccc' },
    { name: 'Approved', color: '#00875a' },
    { name: 'Deprecated', color: '#6b778c', description: 'No longer maintained; kept for its history.' },
  ],
  TEST_CYCLE: [
    { name: 'Not Executed', color: '#cccccc' },
    { name: 'In Progress', color: '#0052cc' },
    { name: 'Done', color: '#00875a' },
  ],
  TEST_PLAN: [
    { name: 'Draft', color: '#cccccc' },
    { name: 'Approved', color: '#00875a' },
  ],
  TEST_EXECUTION: [
    { name: 'Not Executed', color: '#cccccc' },
    { name: 'In Progress', color: '#0052cc' },
    { name: 'Pass', color: '#00875a' },
    { name: 'Fail', color: '#de350b' },
    { name: 'Blocked', color: '#4a6785' },
    { name: 'Retest', color: '#ff991f', description: 'Custom status: passed after a fix, to be run again.' },
  ],
};

export type TestCaseStatusName = 'Draft' | 'Approved' | 'Deprecated';
export type TestCycleStatusName = 'Not Executed' | 'In Progress' | 'Done';
export type TestPlanStatusName = 'Draft' | 'Approved';
export type ExecutionStatusName = 'Not Executed' | 'In Progress' | 'Pass' | 'Fail' | 'Blocked' | 'Retest';

export interface StatusNames {
  TEST_CASE: TestCaseStatusName;
  TEST_CYCLE: TestCycleStatusName;
  TEST_PLAN: TestPlanStatusName;
  TEST_EXECUTION: ExecutionStatusName;
}

export const STATUSES: readonly DatasetStatus[] = (Object.keys(STATUS_NAMES) as StatusType[])
  .flatMap((statusType) =>
    STATUS_NAMES[statusType].map((status, index) => ({ statusType, index, ...status })),
  )
  .map((status, position) => ({
    id: ID_BASE.status + position + 1,
    statusType: status.statusType,
    name: status.name,
    ...(status.description === undefined ? {} : { description: status.description }),
    index: status.index,
    color: status.color,
    archived: false,
    // Zephyr's defaults: new cases and plans start as Draft, cycles and executions as Not Executed.
    default: status.index === 0,
  }));

const STATUS_IDS = new Map(STATUSES.map((status) => [`${status.statusType}/${status.name}`, status.id]));

/** The id of the status of `statusType` called `name` (a map: step results ask for it per step). */
export function statusId<T extends StatusType>(statusType: T, name: StatusNames[T]): number {
  const id = STATUS_IDS.get(`${statusType}/${name}`);
  if (id === undefined) throw new Error(`no ${statusType} status named ${name}`);
  return id;
}

export type PriorityName = 'High' | 'Normal' | 'Low';

export const PRIORITIES: readonly (DatasetPriority & { name: PriorityName })[] = [
  { id: ID_BASE.priority + 1, name: 'High', index: 0, color: '#de350b', default: false },
  { id: ID_BASE.priority + 2, name: 'Normal', index: 1, color: '#0052cc', default: true },
  { id: ID_BASE.priority + 3, name: 'Low', index: 2, color: '#6b778c', default: false },
];

/** Includes a Japanese name and an archived environment that old executions still refer to. */
export const ENVIRONMENTS: readonly DatasetEnvironment[] = [
  { id: ID_BASE.environment + 1, name: 'Chrome / Windows 11', index: 0, archived: false },
  { id: ID_BASE.environment + 2, name: 'Firefox / Ubuntu 24.04', index: 1, archived: false },
  {
    id: ID_BASE.environment + 3,
    name: 'Safari / iOS 17',
    description: 'iPhone 15, physical device',
    index: 2,
    archived: false,
  },
  {
    id: ID_BASE.environment + 4,
    name: 'ステージング環境',
    description: 'Tokyo staging cluster',
    index: 3,
    archived: false,
  },
  {
    id: ID_BASE.environment + 5,
    name: 'Internet Explorer 11',
    description: 'Retired in 2022',
    index: 4,
    archived: true,
  },
];

export function priorityId(name: PriorityName): number {
  const priority = PRIORITIES.find((candidate) => candidate.name === name);
  if (!priority) throw new Error(`no priority named ${name}`);
  return priority.id;
}
