import type { DatasetIssueLink, DatasetWebLink, LinkType } from '../dataset/zephyr-dataset.js';
import type { ItemRandom } from './item-random.js';
import { emoji, randomLanguage, title } from './localized-text.js';

export type LinkOwner = 'testCase' | 'testCycle' | 'testPlan' | 'testExecution';

/** Links of every owner share one id space in Zephyr (`DELETE /links/{id}`), so each owner kind gets a range. */
const LINK_ID_BASE: Readonly<Record<LinkOwner, number>> = {
  testCase: 10_000_000,
  testCycle: 20_000_000,
  testPlan: 30_000_000,
  testExecution: 40_000_000,
};
/** Room for this many issue links and as many web links per owner. */
const MAX_LINKS_PER_KIND = 5;

export interface LinkCounts {
  readonly issues: number;
  readonly web: number;
}

/** Link ids follow from the owner's index, so a lazily built item always has the same ones. */
function linkId(owner: LinkOwner, ownerIndex: number, slot: number): number {
  return LINK_ID_BASE[owner] + ownerIndex * 2 * MAX_LINKS_PER_KIND + slot + 1;
}

export function issueLinks(
  random: ItemRandom,
  owner: LinkOwner,
  ownerIndex: number,
  count: number,
): DatasetIssueLink[] {
  return Array.from({ length: Math.min(count, MAX_LINKS_PER_KIND) }, (_, slot) => ({
    id: linkId(owner, ownerIndex, slot),
    issueId: random.int(10_000, 99_999),
    // Test cases mostly cover stories; executions mostly link the bugs they found.
    type: owner === 'testExecution' ? random.pick<LinkType>(['BLOCKS', 'RELATED']) : coverageMostly(random),
  }));
}

/** Web links to wikis and specs: the first has a description, others may have an internationalized URL or none. */
export function webLinks(
  random: ItemRandom,
  owner: LinkOwner,
  ownerIndex: number,
  count: number,
): DatasetWebLink[] {
  return Array.from({ length: Math.min(count, MAX_LINKS_PER_KIND) }, (_, slot) =>
    webLink(random, linkId(owner, ownerIndex, MAX_LINKS_PER_KIND + slot), slot === 0),
  );
}

function webLink(random: ItemRandom, id: number, described: boolean): DatasetWebLink {
  const type = coverageMostly(random);
  const style = described ? 'described' : random.pick(['described', 'international', 'bare'] as const);
  switch (style) {
    case 'described':
      return {
        id,
        url: `https://wiki.example.com/spaces/QA/pages/${random.int(100_000, 999_999)}?view=full&lang=en`,
        description: `${title(random, randomLanguage(random))} ${emoji(random)}`,
        type,
      };
    case 'international':
      return { id, url: 'https://例え.jp/仕様/ログイン?タブ=1', description: '仕様書', type };
    case 'bare':
      return { id, url: `https://specs.example.org/${random.int(1, 500)}`, type };
  }
}

function coverageMostly(random: ItemRandom): LinkType {
  return random.weighted<LinkType>([
    ['COVERAGE', 6],
    ['RELATED', 3],
    ['BLOCKS', 1],
  ]);
}
