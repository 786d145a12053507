import { ItemRandom } from './item-random.js';
import { type Language, seededFaker } from './seeded-faker.js';

/** Zephyr's limit for names (test cases, folders, statuses, …). */
export const MAX_NAME_LENGTH = 255;

/** Mostly English, as real projects are, with enough CJK and RTL text that every size has plenty. */
const LANGUAGE_WEIGHTS: readonly (readonly [Language, number])[] = [
  ['en', 70],
  ['ja', 10],
  ['zh', 8],
  ['he', 6],
  ['ar', 6],
];

/**
 * Astral-plane emoji, a ZWJ sequence, a flag and one with a variation selector: each breaks a
 * different naive assumption (UTF-16 length, grapheme count, byte-wise truncation).
 */
const EMOJI = ['🚀', '✅', '🐛', '🔥', '🧪', '👩‍💻', '🇯🇵', '⚠️'] as const;

export function randomLanguage(random: ItemRandom): Language {
  return random.weighted(LANGUAGE_WEIGHTS);
}

export function emoji(random: ItemRandom): string {
  return random.pick(EMOJI);
}

/** A short, name-like phrase: a test case, cycle or folder title. */
export function title(random: ItemRandom, language: Language): string {
  const faker = seededFaker(random, language);
  switch (language) {
    case 'en':
      return `${capitalize(faker.hacker.verb())} the ${faker.hacker.adjective()} ${faker.hacker.noun()}`;
    case 'ja':
      return `${faker.lorem.word()}の${faker.lorem.word()}を確認する`;
    // Product names from their parts: faker's productName goes through its slower template engine.
    case 'zh':
      return `验证${faker.commerce.productAdjective()}${faker.commerce.product()}`;
    case 'he':
      return `בדיקת ${faker.commerce.product()} ${faker.commerce.productAdjective()}`;
    case 'ar':
      return `اختبار ${faker.commerce.product()} ${faker.commerce.productAdjective()}`;
  }
}

/**
 * One sentence of running text, picked from a pool per language. Sentences are most of what the
 * generator writes (an execution rebuilds the texts of every step it ran), and picking them
 * roughly halves the cost of building an execution, which matters when a simulator scans all
 * 200,000; test steps repeat each other's wording in real projects too.
 */
export function sentence(random: ItemRandom, language: Language): string {
  return random.pick(sentencePool(language));
}

const SENTENCE_POOL_SIZE = 2048;
const sentencePools = new Map<Language, readonly string[]>();

/** Written on first use from a fixed stream, so every data set and process sees the same pool. */
function sentencePool(language: Language): readonly string[] {
  let pool = sentencePools.get(language);
  if (!pool) {
    pool = Array.from({ length: SENTENCE_POOL_SIZE }, (_, index) =>
      writeSentence(ItemRandom.of('sentencePool', language, index), language),
    );
    sentencePools.set(language, pool);
  }
  return pool;
}

/** English and Chinese sentences are put together from words: faker's template phrases cost ~10 µs each. */
function writeSentence(random: ItemRandom, language: Language): string {
  const faker = seededFaker(random, language);
  const { verb, adjective, noun } = faker.hacker;
  switch (language) {
    case 'en':
      switch (random.int(0, 2)) {
        case 0:
          return `${capitalize(verb())} the ${adjective()} ${noun()}, then ${verb()} the ${noun()}.`;
        case 1:
          return `The ${noun()} should ${verb()} the ${adjective()} ${noun()}.`;
        default:
          return `Check that the ${adjective()} ${noun()} doesn't ${verb()} the ${noun()}.`;
      }
    case 'ja':
      return `${faker.lorem.words(5).replaceAll(' ', '')}。`;
    case 'zh':
      return `${verb()}${adjective()}${noun()}，然后${verb()}${noun()}。`;
    case 'he':
    case 'ar':
      return faker.lorem.sentence();
  }
}

/**
 * A name of exactly 255 characters, Latin then Japanese. Only characters of the Basic
 * Multilingual Plane are used so that UTF-16 length, code points and what Zephyr counts agree;
 * it must not end in a space, which a trimming client would silently drop.
 */
export function maxLengthName(random: ItemRandom): string {
  let name = `${title(random, 'en')} — `;
  while (name.length < MAX_NAME_LENGTH) {
    const japanese = Array.from(sentence(random, 'ja')).filter((character) => character.length === 1);
    name += japanese.join('');
  }
  return name.slice(0, MAX_NAME_LENGTH);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
