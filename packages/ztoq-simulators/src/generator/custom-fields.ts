import type { CustomFieldValues, DatasetUser } from '../dataset/zephyr-dataset.js';
import type { ItemRandom } from './item-random.js';
import { randomLanguage, sentence, title } from './localized-text.js';
import { days, isoDate, TESTING_START } from './timeline.js';

/** Every kind of custom field Zephyr Scale offers. */
export type CustomFieldKind =
  | 'singleLineText'
  | 'multiLineText'
  | 'number'
  | 'decimal'
  | 'checkbox'
  | 'date'
  | 'singleSelect'
  | 'multiSelect'
  | 'user';

export interface CustomFieldDefinition {
  readonly name: string;
  readonly kind: CustomFieldKind;
  /** The choices of a select list. */
  readonly options?: readonly string[];
}

export type CustomFieldEntity = 'testCase' | 'testStep' | 'testCycle' | 'testPlan' | 'testExecution';

/**
 * The project's custom fields. Zephyr has no endpoint that lists them (the migrator infers them
 * from values), so they are exported for tests that need to know what was generated. Each
 * entity but steps has a field of every kind; names include non-ASCII ones.
 */
export const CUSTOM_FIELDS: Readonly<Record<CustomFieldEntity, readonly CustomFieldDefinition[]>> = {
  testCase: [
    { name: 'Automation Ticket', kind: 'singleLineText' },
    { name: '備考', kind: 'multiLineText' },
    { name: 'Story Points', kind: 'number' },
    { name: 'Risk Score', kind: 'decimal' },
    { name: 'Regulatory', kind: 'checkbox' },
    { name: 'Last Reviewed', kind: 'date' },
    {
      name: 'Test Type',
      kind: 'singleSelect',
      options: ['Functional', 'Performance', 'Security', 'ユーザビリティ'],
    },
    { name: 'Platforms', kind: 'multiSelect', options: ['Web', 'iOS', 'Android', 'API', 'דסקטופ'] },
    { name: 'Reviewer', kind: 'user' },
  ],
  testStep: [
    { name: 'Step Owner Team', kind: 'singleLineText' },
    { name: 'Needs Screenshot', kind: 'checkbox' },
    { name: 'Step Kind', kind: 'singleSelect', options: ['Setup', 'Action', 'Check', 'Teardown'] },
  ],
  testCycle: [
    { name: 'Build', kind: 'singleLineText' },
    { name: 'Release Notes', kind: 'multiLineText' },
    { name: 'Build Number', kind: 'number' },
    { name: 'Pass Threshold', kind: 'decimal' },
    { name: 'Hotfix', kind: 'checkbox' },
    { name: 'Release Date', kind: 'date' },
    { name: 'Sprint', kind: 'singleSelect', options: ['Sprint 1', 'Sprint 2', 'Sprint 3', 'Sprint 4'] },
    { name: 'Category', kind: 'multiSelect', options: ['Performance', 'Regression', 'Smoke', 'Acceptance'] },
    { name: 'Release Manager', kind: 'user' },
  ],
  testPlan: [
    { name: 'Program', kind: 'singleLineText' },
    { name: 'Scope', kind: 'multiLineText' },
    { name: 'Budget Hours', kind: 'number' },
    { name: 'Coverage Goal', kind: 'decimal' },
    { name: 'Customer Facing', kind: 'checkbox' },
    { name: 'Sign-off Date', kind: 'date' },
    { name: 'Quarter', kind: 'singleSelect', options: ['Q1', 'Q2', 'Q3', 'Q4'] },
    { name: 'Regions', kind: 'multiSelect', options: ['EMEA', 'APAC', 'AMER', '中国'] },
    { name: 'Sign-off By', kind: 'user' },
  ],
  testExecution: [
    { name: 'Build Version', kind: 'singleLineText' },
    { name: 'Failure Analysis', kind: 'multiLineText' },
    { name: 'Retries', kind: 'number' },
    { name: 'Duration Factor', kind: 'decimal' },
    { name: 'Flaky', kind: 'checkbox' },
    { name: 'Deployed On', kind: 'date' },
    { name: 'Device', kind: 'singleSelect', options: ['Desktop', 'Tablet', 'Phone'] },
    { name: 'Browsers', kind: 'multiSelect', options: ['Chrome', 'Firefox', 'Safari', 'Edge'] },
    { name: 'Verified By', kind: 'user' },
  ],
};

/** How many fields carry a value: all (items showing every kind), some (typical), none (sparse items). */
export type CustomFieldFill = 'all' | 'some' | 'none';

/**
 * Values in the spec's encodings: dates `yyyy-MM-dd`, users as account ids, multi-line text
 * joined with `<br>`, multi-select as arrays. An unset field is `null`, as Zephyr returns it.
 */
export function customFieldValues(
  random: ItemRandom,
  entity: CustomFieldEntity,
  fill: CustomFieldFill,
  users: readonly DatasetUser[],
): CustomFieldValues {
  const values: Record<string, CustomFieldValues[string]> = {};
  for (const field of CUSTOM_FIELDS[entity]) {
    const isSet = fill === 'all' || (fill === 'some' && random.chance(0.75));
    values[field.name] = isSet ? customFieldValue(random, field, users) : null;
  }
  return values;
}

function customFieldValue(
  random: ItemRandom,
  field: CustomFieldDefinition,
  users: readonly DatasetUser[],
): CustomFieldValues[string] {
  const options = field.options ?? [];
  switch (field.kind) {
    case 'singleLineText':
      return title(random, randomLanguage(random));
    case 'multiLineText': {
      const language = randomLanguage(random);
      return Array.from({ length: random.int(2, 3) }, () => sentence(random, language)).join('<br>');
    }
    case 'number':
      return random.int(0, 1_000);
    case 'decimal':
      // Never a whole number, which JSON could not tell apart from a Number field's value;
      // dividing whole cents gives the double nearest to the two-decimal value.
      return (random.int(0, 999) * 100 + random.int(1, 99)) / 100;
    case 'checkbox':
      return random.chance(0.5);
    case 'date':
      return isoDate(TESTING_START + days(random.int(0, 700)));
    case 'singleSelect':
      return random.pick(options);
    case 'multiSelect':
      return random.sample(options, random.int(1, options.length));
    case 'user':
      return random.pick(users).accountId;
  }
}
