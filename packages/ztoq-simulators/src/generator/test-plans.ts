import type { DatasetTestPlan } from '../dataset/zephyr-dataset.js';
import { customFieldValues } from './custom-fields.js';
import type { GenerationContext } from './generation-context.js';
import { testCycleId, testPlanId, testPlanKey } from './identifiers.js';
import { ItemRandom } from './item-random.js';
import { issueLinks, webLinks } from './links.js';
import { randomLanguage, title } from './localized-text.js';
import { omitUndefined } from './omit-undefined.js';
import type { PlanCycleLinks } from './plan-cycle-links.js';
import { statusId } from './project-configuration.js';
import { everyRichHtmlConstruct, richHtml } from './rich-html.js';

const PLAN_LABELS = ['release', 'hardening', 'compliance', 'mobile', 'リリース'];

/** All test plans. The first has every field and sits in the deepest plan folder, the second at the root. */
export function generateTestPlans(context: GenerationContext, links: PlanCycleLinks): DatasetTestPlan[] {
  return Array.from({ length: context.spec.testPlans }, (_, index) => {
    const random = ItemRandom.of(context.seed, 'testPlan', index);
    const full = index === 0;
    const language = full ? 'he' : randomLanguage(random);
    return omitUndefined({
      id: testPlanId(index),
      key: testPlanKey(context.projectKey, index),
      name: `Plan ${index + 1}: ${title(random, language)}`,
      objective: full
        ? everyRichHtmlConstruct(random, language)
        : random.chance(0.6)
          ? richHtml(random, language)
          : undefined,
      statusId: statusId('TEST_PLAN', full || random.chance(0.6) ? 'Approved' : 'Draft'),
      folderId: full
        ? context.folders.deepestOf.TEST_PLAN
        : index === 1 || random.chance(0.2)
          ? undefined
          : random.pick(context.folders.idsOf.TEST_PLAN),
      ownerAccountId: full || random.chance(0.8) ? random.pick(context.users).accountId : undefined,
      labels: full ? PLAN_LABELS.slice(0, 3) : random.sample(PLAN_LABELS, random.int(0, 2)),
      customFields: customFieldValues(random, 'testPlan', full ? 'all' : 'some', context.users),
      issueLinks: issueLinks(random, 'testPlan', index, full ? 1 : random.chance(0.3) ? 1 : 0),
      webLinks: webLinks(random, 'testPlan', index, full ? 2 : random.chance(0.3) ? 1 : 0),
      testCycleIds: (links.cyclesOfPlan[index] ?? []).map(testCycleId),
    });
  });
}
