import { SourceEntityMissing } from '../../../errors.js';
import { type CanonicalTestCycle, sortableKey } from '../../../model/canonical.js';
import type { EntityRef, MappingLookups, PlannedEntity } from '../../../ports/target.js';
import type { TestCycleBody, TestCycleMarker } from '../qtest-entities.js';
import { itemPlace } from './container-parent.js';
import { customFieldLines } from './field-text.js';
import { countAttachmentReferences } from './html.js';
import { asJson } from './json-body.js';
import { linkLines } from './links-text.js';
import { LossyNotes } from './lossy-notes.js';
import type { MapperSetup } from './mapper-setup.js';
import { userText } from './user-text.js';

/**
 * A Zephyr test cycle as a qTest test cycle in its folder's cycle. qTest cycles have no custom
 * fields (API-NOTES B.5), so everything but the name is a description line, the marker line
 * first. A qTest cycle belongs to one release: the first linked plan's; all plans are listed.
 */
export function mapTestCycle(
  cycle: CanonicalTestCycle,
  lookups: MappingLookups,
  setup: MapperSetup,
): PlannedEntity[] {
  const { context } = setup;
  const lossy = new LossyNotes();
  const line = `Zephyr key: ${cycle.key}`;
  const lines = [line, `Status: ${lookups.status(cycle.statusId)?.name ?? cycle.statusId}`];
  if (cycle.ownerId !== undefined) lines.push(`Owner: ${userText(cycle.ownerId, 'owner', context, lossy)}`);
  if (cycle.plannedStartDate !== undefined) lines.push(`Planned start: ${cycle.plannedStartDate}`);
  if (cycle.plannedEndDate !== undefined) lines.push(`Planned end: ${cycle.plannedEndDate}`);
  if (cycle.releaseVersionId !== undefined) lines.push(`Jira version: ${cycle.releaseVersionId}`);
  lines.push(...customFieldLines(cycle.customFields, context), ...linkLines(cycle.links));
  const plans = cycle.testPlanIds.map((id) => lookups.testPlan(id));
  // The first plan decides the cycle's release. Without it the cycle would be created with no
  // release and keep none (a later run does not move a loaded cycle to a release), so the cycle
  // fails until a run has read that plan, typically after the plan stream's read failed. Other
  // plans are only listed, by id when unknown. (Assumption: Zephyr drops the links of a deleted
  // plan, so a first plan it does not list is one that was not read.)
  if (cycle.testPlanIds.length > 0 && plans[0] === undefined) {
    throw new SourceEntityMissing(
      `test cycle ${cycle.key} names test plan ${cycle.testPlanIds[0]}, which the source lacks`,
    );
  }
  if (plans.length > 0) {
    const keys = plans.map((plan, index) => plan?.key ?? `plan ${cycle.testPlanIds[index]}`);
    lines.push(`Test plans: ${keys.join(', ')}`);
  }
  if (cycle.description !== undefined && cycle.description !== '') lines.push('', cycle.description);

  const place = itemPlace(cycle.folderId, 'test-cycle', lookups, setup);
  const refs: Record<string, EntityRef> = { ...place.refs };
  const release = plans[0];
  if (release !== undefined) refs.release = { type: 'release', sourceId: sortableKey(release.key) };

  const references = countAttachmentReferences([cycle.description ?? '']);
  if (references > 0) {
    lossy.add(
      'attachment-reference',
      `${references} image or file reference(s) in the description point to the source`,
      references,
    );
  }
  const body: TestCycleBody = { name: cycle.name, description: lines.join('\n') };
  const marker: TestCycleMarker = { line };
  return [
    {
      type: 'test-cycle',
      sourceId: sortableKey(cycle.key),
      level: place.level,
      refs,
      body: asJson(body),
      marker: asJson(marker),
      lossy: lossy.list(),
      label: `${cycle.key} ${cycle.name}`,
    },
  ];
}
