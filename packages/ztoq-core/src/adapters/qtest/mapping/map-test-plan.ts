import { type CanonicalTestPlan, sortableKey } from '../../../model/canonical.js';
import type { MappingLookups, PlannedEntity } from '../../../ports/target.js';
import type { ReleaseBody, ReleaseMarker } from '../qtest-entities.js';
import { FIELD_LABEL } from './field-labels.js';
import { customFieldLines } from './field-text.js';
import { folderPath } from './folder-chain.js';
import { countAttachmentReferences } from './html.js';
import { asJson } from './json-body.js';
import { linkLines } from './links-text.js';
import { LossyNotes } from './lossy-notes.js';
import type { MapperSetup } from './mapper-setup.js';
import { PropertyList } from './property-list.js';
import { userText } from './user-text.js';

/**
 * A Zephyr test plan as a qTest release, the closest thing qTest has (API-NOTES C.2). Releases
 * take no custom fields of ours and do not nest, so the plan's status, owner, folder, labels,
 * custom fields and links are lines of its description; its key is in `Zephyr Key`.
 */
export function mapTestPlan(
  plan: CanonicalTestPlan,
  lookups: MappingLookups,
  setup: MapperSetup,
): PlannedEntity[] {
  const { context } = setup;
  const lossy = new LossyNotes();
  const lines = [
    `Zephyr key: ${plan.key}`,
    `Status: ${lookups.status(plan.statusId)?.name ?? plan.statusId}`,
  ];
  if (plan.ownerId !== undefined) lines.push(`Owner: ${userText(plan.ownerId, 'owner', context, lossy)}`);
  if (plan.objective !== undefined && plan.objective !== '') lines.push(`Objective: ${plan.objective}`);
  const folder = folderPath(plan.folderId, lookups);
  if (folder !== undefined) lines.push(`Folder: ${folder}`);
  if (plan.labels.length > 0) lines.push(`Labels: ${plan.labels.join(', ')}`);
  lines.push(...customFieldLines(plan.customFields, context), ...linkLines(plan.links));

  const properties = new PropertyList(context, lossy);
  properties.set(context.zephyrKeyField.releases, plan.key, FIELD_LABEL.zephyrKey);
  properties.fillDefaults(context.fieldDefaults.releases);
  const body: ReleaseBody = { name: plan.name, description: lines.join('\n'), properties: properties.list() };

  const references = countAttachmentReferences([plan.objective ?? '']);
  if (references > 0) {
    lossy.add(
      'attachment-reference',
      `${references} image or file reference(s) in the objective point to the source`,
      references,
    );
  }
  const marker: ReleaseMarker = { zephyrKey: plan.key };
  return [
    {
      type: 'release',
      sourceId: sortableKey(plan.key),
      refs: {},
      body: asJson(body),
      marker: asJson(marker),
      lossy: lossy.list(),
      label: `${plan.key} ${plan.name}`,
    },
  ];
}
