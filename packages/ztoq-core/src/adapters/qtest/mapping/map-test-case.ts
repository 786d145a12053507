import { type CanonicalTestCase, sortableKey } from '../../../model/canonical.js';
import type { LossyNote, MappingLookups, PlannedEntity } from '../../../ports/target.js';
import type { TestCaseBody, TestCaseMarker } from '../qtest-entities.js';
import { itemPlace } from './container-parent.js';
import { DATA_TYPE } from './data-types.js';
import { expandSteps } from './expand-steps.js';
import { FIELD_LABEL } from './field-labels.js';
import { countAttachmentReferences } from './html.js';
import { asJson } from './json-body.js';
import { linksHtml } from './links-text.js';
import { LossyNotes } from './lossy-notes.js';
import type { MapperSetup } from './mapper-setup.js';
import { PropertyList } from './property-list.js';
import { userText } from './user-text.js';

const MS_PER_MINUTE = 60_000;

/**
 * A Zephyr test case as a qTest test case in its folder's module: the key in `Zephyr Key` (the
 * marker preflight made sure exists), priority and status as decided, the attributes qTest
 * lacks in their custom fields, links in the description, and the steps with calls expanded.
 */
export async function mapTestCase(
  testCase: CanonicalTestCase,
  lookups: MappingLookups,
  setup: MapperSetup,
): Promise<PlannedEntity[]> {
  const { context } = setup;
  const lossy = new LossyNotes();
  const expansion = await expandSteps(testCase, lookups, context);

  const properties = new PropertyList(context, lossy);
  properties.set(context.zephyrKeyField['test-cases'], testCase.key, FIELD_LABEL.zephyrKey);
  const priority = lookups.priority(testCase.priorityId)?.name ?? testCase.priorityId;
  setDecided(
    properties,
    lossy,
    context.priorityField.fieldId,
    context.testCasePriority,
    priority,
    'priority',
  );
  const status = lookups.status(testCase.statusId)?.name ?? testCase.statusId;
  setDecided(properties, lossy, context.statusField.fieldId, context.testCaseStatus, status, 'status');

  const { attributeFields } = context;
  if (testCase.labels.length > 0) properties.setValue(attributeFields.labels, testCase.labels, 'labels');
  if (testCase.componentId !== undefined) {
    properties.setValue(attributeFields.component, testCase.componentId, 'component');
  }
  if (testCase.ownerId !== undefined) {
    // A user-list field takes the account (encoded through the user map); text takes the name.
    const owner =
      attributeFields.owner?.dataType === DATA_TYPE.userList
        ? testCase.ownerId
        : userText(testCase.ownerId, 'owner', context, lossy);
    properties.setValue(attributeFields.owner, owner, 'owner');
  }
  if (testCase.estimatedTimeMs !== undefined) {
    const minutes = Math.round((testCase.estimatedTimeMs / MS_PER_MINUTE) * 100) / 100;
    properties.setValue(attributeFields.estimatedTime, minutes, 'estimated time');
  }
  for (const [name, value] of Object.entries(testCase.customFields)) {
    if (value === null) continue;
    properties.setValue(context.customFields[name] ?? null, value, `custom field "${name}"`);
  }
  properties.fillDefaults(context.fieldDefaults['test-cases']);

  const body: TestCaseBody = {
    name: testCase.name,
    description: `${testCase.objective ?? ''}${linksHtml(testCase.links)}`,
    precondition: testCase.precondition ?? '',
    properties: properties.list(),
    test_steps: expansion.steps.map((step, index) => ({ ...step, order: index + 1 })),
  };

  const notes = new LossyNotes();
  if (expansion.calledKeys.length > 0) {
    const keys = [...new Set(expansion.calledKeys)].join(', ');
    notes.add(
      'call-to-test-expanded',
      `${expansion.calledKeys.length} call-to-test step(s) replaced by the called cases' steps (${keys})`,
      expansion.calledKeys.length,
    );
  }
  notes.addAll(expansion.lossy.list());
  notes.addAll(lossy.list());
  notes.addAll(versionNotes(testCase));
  const references = countAttachmentReferences([
    body.description,
    body.precondition,
    ...body.test_steps.flatMap((step) => [step.description, step.expected]),
  ]);
  if (references > 0) {
    notes.add(
      'attachment-reference',
      `${references} image or file reference(s) in the texts point to the source, not to qTest attachments`,
      references,
    );
  }

  const marker: TestCaseMarker = { zephyrKey: testCase.key };
  return [
    {
      type: 'test-case',
      sourceId: sortableKey(testCase.key),
      refs: itemPlace(testCase.folderId, 'module', lookups, setup).refs,
      body: asJson(body),
      marker: asJson(marker),
      lossy: notes.list(),
      label: `${testCase.key} ${testCase.name}`,
    },
  ];
}

function setDecided(
  properties: PropertyList,
  lossy: LossyNotes,
  fieldId: number,
  decisions: Readonly<Record<string, number>>,
  name: string,
  what: string,
): void {
  if (Object.hasOwn(decisions, name)) {
    properties.set(fieldId, String(decisions[name]), what);
    return;
  }
  lossy.add('unmapped-value', `${what} "${name}" has no qTest value; qTest's default applies`);
}

function versionNotes(testCase: CanonicalTestCase): LossyNote[] {
  const older = testCase.versionCount - 1;
  if (older <= 0) return [];
  return [
    {
      kind: 'older-versions',
      message: `${older} older version(s) not carried; qTest holds version ${testCase.version}`,
      count: older,
    },
  ];
}
