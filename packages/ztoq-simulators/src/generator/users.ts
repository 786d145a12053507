import type { DatasetUser } from '../dataset/zephyr-dataset.js';
import { ItemRandom } from './item-random.js';
import { randomLanguage } from './localized-text.js';
import { type Language, seededFaker } from './seeded-faker.js';

/** Atlassian account ids, as the Zephyr spec constrains them. */
export const ACCOUNT_ID_PATTERN = /^[-:a-zA-Z0-9]{1,128}$/;

/**
 * The team: Atlassian account ids in both shapes Jira Cloud issues (24 hex digits for older
 * accounts, `557058:<uuid>` for newer ones), display names in several scripts, and unique
 * ASCII emails, which is what the migration matches qTest users on.
 */
export function generateUsers(seed: number, count: number): DatasetUser[] {
  const users: DatasetUser[] = [];
  const accountIds = new Set<string>();
  for (let index = 0; index < count; index++) {
    const random = ItemRandom.of(seed, 'user', index);
    // The second and third users are Japanese and Arabic whatever the seed.
    const language: Language = index === 1 ? 'ja' : index === 2 ? 'ar' : randomLanguage(random);
    const displayName = seededFaker(random, language).person.fullName();
    let accountId = newAccountId(random, index);
    while (accountIds.has(accountId)) accountId = newAccountId(random, index);
    accountIds.add(accountId);
    const localPart =
      seededFaker(random, 'en')
        .person.firstName()
        .toLowerCase()
        .replace(/[^a-z]/g, '') || 'user';
    users.push({ accountId, displayName, email: `${localPart}.${index + 1}@example.com` });
  }
  return users;
}

function newAccountId(random: ItemRandom, index: number): string {
  const faker = seededFaker(random, 'en');
  return index % 2 === 0
    ? faker.string.hexadecimal({ length: 24, casing: 'lower', prefix: '' })
    : `557058:${faker.string.uuid()}`;
}
