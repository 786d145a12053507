import { ar, base, en, Faker, he, ja, type Randomizer, zh_CN } from '@faker-js/faker';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { hashPath, type ItemRandom } from './item-random.js';

/** The languages the generator writes in: English, Japanese and Chinese (CJK), Hebrew and Arabic (RTL). */
export type Language = 'en' | 'ja' | 'zh' | 'he' | 'ar';

/**
 * Faker's default Mersenne Twister takes ~25 µs to seed, longer than most texts take to write,
 * and the generator reseeds for every name, title and test datum; pure-rand's xoroshiro128+
 * seeds in a few assignments. Faker calls `next` detached from the object, hence a closure
 * rather than a class.
 */
function xoroshiroRandomizer(): Randomizer {
  let rng = xoroshiro128plus(0);
  return {
    next: () => uniformFloat64(rng),
    seed(seed) {
      rng = xoroshiro128plus(Array.isArray(seed) ? hashPath(seed) : seed);
    },
  };
}

const fakers: Readonly<Record<Language, Faker>> = {
  en: new Faker({ locale: [en, base], randomizer: xoroshiroRandomizer() }),
  ja: new Faker({ locale: [ja, en, base], randomizer: xoroshiroRandomizer() }),
  zh: new Faker({ locale: [zh_CN, en, base], randomizer: xoroshiroRandomizer() }),
  he: new Faker({ locale: [he, en, base], randomizer: xoroshiroRandomizer() }),
  ar: new Faker({ locale: [ar, en, base], randomizer: xoroshiroRandomizer() }),
};

/**
 * The faker of `language`, just seeded from `random`, so what it produces next depends on that
 * item's stream only and never on what other items asked faker for before. Use the result right
 * away: the next call for the same language reseeds the same instance.
 */
export function seededFaker(random: ItemRandom, language: Language): Faker {
  const faker = fakers[language];
  faker.seed(random.seed());
  return faker;
}
