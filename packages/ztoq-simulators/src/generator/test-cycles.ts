import type { DatasetTestCycle } from '../dataset/zephyr-dataset.js';
import { customFieldValues } from './custom-fields.js';
import type { GenerationContext } from './generation-context.js';
import { JIRA_VERSION_IDS, testCycleId, testCycleKey, testPlanId } from './identifiers.js';
import { ItemRandom } from './item-random.js';
import { issueLinks, webLinks } from './links.js';
import { emoji, randomLanguage, title } from './localized-text.js';
import { omitUndefined } from './omit-undefined.js';
import type { PlanCycleLinks } from './plan-cycle-links.js';
import { type StatusNames, statusId } from './project-configuration.js';
import { everyRichHtmlConstruct, richHtml } from './rich-html.js';
import { SHOWCASE_CYCLE_IN_NO_PLAN, SHOWCASE_CYCLE_IN_SEVERAL_PLANS } from './showcase.js';
import { CYCLE_LENGTH, cycleStart, isoDateTime } from './timeline.js';

/**
 * All test cycles. The shared cycle has every field and sits in the deepest cycle folder; the
 * cycle in no plan sits at the root; the rest are random.
 */
export function generateTestCycles(context: GenerationContext, links: PlanCycleLinks): DatasetTestCycle[] {
  return Array.from({ length: context.spec.testCycles }, (_, index) => {
    const random = ItemRandom.of(context.seed, 'testCycle', index);
    const full = index === SHOWCASE_CYCLE_IN_SEVERAL_PLANS;
    const language = full ? 'ja' : randomLanguage(random);
    const start = cycleStart(index, context.spec.testCycles);
    const hasSchedule = full || random.chance(0.85);
    return omitUndefined({
      id: testCycleId(index),
      key: testCycleKey(context.projectKey, index),
      name: full
        ? `Release 2025.1 回帰テスト ${emoji(random)}`
        : `Sprint ${index + 1}: ${title(random, language)}`,
      description: full
        ? everyRichHtmlConstruct(random, language)
        : random.chance(0.5)
          ? richHtml(random, language)
          : undefined,
      statusId: statusId('TEST_CYCLE', full ? 'In Progress' : cycleStatus(random)),
      folderId: full
        ? context.folders.deepestOf.TEST_CYCLE
        : index === SHOWCASE_CYCLE_IN_NO_PLAN || random.chance(0.15)
          ? undefined
          : random.pick(context.folders.idsOf.TEST_CYCLE),
      jiraProjectVersionId: full || random.chance(0.7) ? random.pick(JIRA_VERSION_IDS) : undefined,
      plannedStartDate: hasSchedule ? isoDateTime(start) : undefined,
      plannedEndDate: hasSchedule ? isoDateTime(start + CYCLE_LENGTH) : undefined,
      ownerAccountId: full || random.chance(0.8) ? random.pick(context.users).accountId : undefined,
      customFields: customFieldValues(random, 'testCycle', full ? 'all' : 'some', context.users),
      issueLinks: issueLinks(random, 'testCycle', index, full ? 1 : random.chance(0.2) ? 1 : 0),
      webLinks: webLinks(random, 'testCycle', index, full ? 1 : random.chance(0.2) ? 1 : 0),
      testPlanIds: (links.plansOfCycle[index] ?? []).map(testPlanId),
    });
  });
}

function cycleStatus(random: ItemRandom): StatusNames['TEST_CYCLE'] {
  return random.weighted<StatusNames['TEST_CYCLE']>([
    ['Done', 50],
    ['In Progress', 30],
    ['Not Executed', 20],
  ]);
}
