import type { DatasetTestCase } from '../dataset/zephyr-dataset.js';
import { customFieldValues } from './custom-fields.js';
import type { GenerationContext } from './generation-context.js';
import { JIRA_COMPONENT_IDS, testCaseId, testCaseKey } from './identifiers.js';
import { ItemRandom } from './item-random.js';
import { issueLinks, webLinks } from './links.js';
import { emoji, maxLengthName, sentence, title } from './localized-text.js';
import { omitUndefined } from './omit-undefined.js';
import { type PriorityName, priorityId, type StatusNames, statusId } from './project-configuration.js';
import { escapeHtml, everyRichHtmlConstruct, richHtml } from './rich-html.js';
import { HOSTILE_NAME, type TestCaseTraits } from './showcase.js';
import { testCaseContent } from './test-case-content.js';
import { latestVersion, testCaseTraits } from './test-case-traits.js';
import { isoDateTime, minutes, TEST_DESIGN_SPAN, TEST_DESIGN_START, VERSION_INTERVAL } from './timeline.js';

/** Labels as teams use them, a few in Japanese and Hebrew. */
const LABELS = [
  'smoke',
  'regression',
  'api',
  'ui',
  'mobile',
  'security',
  'performance',
  'release-2025.1',
  'ログイン',
  'תשלום',
];

/**
 * Test case `index` as it was at `version`. What identifies the case (name, folder, owner,
 * labels, links, priority) comes from the case's stream and is the same in every version; what
 * a new version changes (objective, precondition, status, estimate, custom fields, steps or
 * script) comes from a stream per version, so each older version has content of its own.
 */
export function buildTestCase(context: GenerationContext, index: number, version: number): DatasetTestCase {
  const traits = testCaseTraits(context.seed, index);
  const identity = ItemRandom.of(context.seed, 'testCase', index);
  const revision = ItemRandom.of(context.seed, 'testCaseVersion', index, version);
  const { language, detail } = traits;
  const full = detail === 'full';
  const typical = detail === 'typical';
  const isLatest = version === latestVersion(traits);

  return omitUndefined({
    id: testCaseId(index),
    key: testCaseKey(context.projectKey, index),
    name: testCaseName(identity, traits),
    objective: full
      ? `${everyRichHtmlConstruct(revision, language)} ${emoji(revision)}`
      : typical && revision.chance(0.8)
        ? richOrPlain(revision, traits)
        : undefined,
    precondition: full || (typical && revision.chance(0.4)) ? richOrPlain(revision, traits) : undefined,
    estimatedTime: full || (typical && revision.chance(0.6)) ? minutes(revision.int(1, 120)) : undefined,
    labels: full
      ? identity.sample(LABELS, 3)
      : typical && identity.chance(0.5)
        ? identity.sample(LABELS, identity.int(1, 3))
        : [],
    componentId: full || (typical && identity.chance(0.5)) ? identity.pick(JIRA_COMPONENT_IDS) : undefined,
    priorityId: casePriority(identity, traits),
    statusId: statusId('TEST_CASE', caseStatus(revision, traits, isLatest)),
    folderId: folderOf(context, identity, traits),
    ownerAccountId:
      full || (typical && identity.chance(0.8)) ? identity.pick(context.users).accountId : undefined,
    createdOn: isoDateTime(createdAt(context, index) + (version - 1) * VERSION_INTERVAL),
    customFields: customFieldValues(
      revision,
      'testCase',
      full ? 'all' : typical ? 'some' : 'none',
      context.users,
    ),
    issueLinks: issueLinks(
      identity,
      'testCase',
      index,
      full ? 2 : typical && identity.chance(0.4) ? identity.int(1, 2) : 0,
    ),
    webLinks: webLinks(identity, 'testCase', index, full ? 3 : typical && identity.chance(0.2) ? 1 : 0),
    content: testCaseContent(context, index, version),
    version,
  });
}

function testCaseName(random: ItemRandom, traits: TestCaseTraits): string {
  switch (traits.nameStyle) {
    case 'title':
      return title(random, traits.language);
    case 'emoji':
      return `${title(random, traits.language)} ${emoji(random)}`;
    case 'maxLength':
      return maxLengthName(random);
    case 'hostile':
      return HOSTILE_NAME;
  }
}

function richOrPlain(random: ItemRandom, traits: TestCaseTraits): string {
  return traits.detail === 'full' || random.chance(0.3)
    ? richHtml(random, traits.language)
    : escapeHtml(sentence(random, traits.language));
}

/** Sparse cases keep Zephyr's default priority (Normal). */
function casePriority(random: ItemRandom, traits: TestCaseTraits): number {
  if (traits.detail === 'sparse') return priorityId('Normal');
  return priorityId(
    random.weighted<PriorityName>([
      ['Normal', 60],
      ['High', 25],
      ['Low', 15],
    ]),
  );
}

/** Older versions were mostly drafts; sparse cases keep Zephyr's default status (Draft). */
function caseStatus(random: ItemRandom, traits: TestCaseTraits, isLatest: boolean): StatusNames['TEST_CASE'] {
  if (traits.detail === 'sparse') return 'Draft';
  return isLatest
    ? random.weighted<StatusNames['TEST_CASE']>([
        ['Approved', 60],
        ['Draft', 30],
        ['Deprecated', 10],
      ])
    : random.weighted<StatusNames['TEST_CASE']>([
        ['Draft', 60],
        ['Approved', 40],
      ]);
}

function folderOf(
  context: GenerationContext,
  random: ItemRandom,
  traits: TestCaseTraits,
): number | undefined {
  switch (traits.folder) {
    case 'root':
      return undefined;
    case 'deepest':
      return context.folders.deepestOf.TEST_CASE;
    case 'random':
      return random.pick(context.folders.idsOf.TEST_CASE);
  }
}

/** Cases were written one after another over the design period, in key order. */
function createdAt(context: GenerationContext, index: number): number {
  const spacing = Math.floor(TEST_DESIGN_SPAN / context.spec.testCases / 1000) * 1000;
  return TEST_DESIGN_START + index * spacing;
}
