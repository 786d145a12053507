import type { ItemRandom } from './item-random.js';
import { sentence } from './localized-text.js';
import type { Language } from './seeded-faker.js';

/** A plain-text test script: numbered instructions, one per line, as testers type them. */
export function plainScript(random: ItemRandom, language: Language): string {
  const lines = random.int(2, 8);
  return Array.from({ length: lines }, (_, line) => `${line + 1}. ${sentence(random, language)}`).join('\n');
}

/**
 * A BDD script: the Gherkin steps Zephyr keeps as the script text (it adds the Feature and
 * Scenario lines itself when exporting feature files), with a data table now and then.
 */
export function bddScript(random: ItemRandom, language: Language): string {
  const lines = [`Given ${sentence(random, language)}`];
  for (let extra = random.int(0, 2); extra > 0; extra--) lines.push(`And ${sentence(random, language)}`);
  lines.push(`When ${sentence(random, language)}`);
  if (random.chance(0.3)) {
    lines.push('  | user  | locale |', '  | alice | en-US  |', '  | 山田  | ja-JP  |');
  }
  lines.push(`Then ${sentence(random, language)}`);
  return lines.join('\n');
}
