import type { ItemRandom } from './item-random.js';
import { sentence, title } from './localized-text.js';
import type { Language } from './seeded-faker.js';

/**
 * Zephyr stores objectives, preconditions, step texts and comments as the HTML its rich-text
 * editor produces. Each construct here is one the migrator has to carry over to qTest (or
 * degrade knowingly): formatting, lists, links, line breaks, images, tables and entities.
 */
export type RichHtmlConstruct =
  | 'bold'
  | 'italic'
  | 'list'
  | 'link'
  | 'lineBreak'
  | 'image'
  | 'table'
  | 'entities';

export const RICH_HTML_CONSTRUCTS: readonly RichHtmlConstruct[] = [
  'bold',
  'italic',
  'list',
  'link',
  'lineBreak',
  'image',
  'table',
  'entities',
];

/** A paragraph using one or two randomly chosen constructs. */
export function richHtml(random: ItemRandom, language: Language): string {
  const constructs = random.sample(RICH_HTML_CONSTRUCTS, random.int(1, 2));
  return constructs.map((construct) => fragment(random, language, construct)).join(' ');
}

/** A paragraph using every construct, for the items that guarantee each feature is present. */
export function everyRichHtmlConstruct(random: ItemRandom, language: Language): string {
  return RICH_HTML_CONSTRUCTS.map((construct) => fragment(random, language, construct)).join('<br>');
}

/**
 * Faker text may contain `&`, `<` or `"`; escaping them keeps every fragment well-formed HTML
 * (attributes are double-quoted). Apostrophes stay as typed, as Zephyr's editor keeps them.
 */
export function escapeHtml(text: string): string {
  if (!/[&<>"]/.test(text)) return text;
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

function fragment(random: ItemRandom, language: Language, construct: RichHtmlConstruct): string {
  const text = () => escapeHtml(sentence(random, language));
  const label = () => escapeHtml(title(random, language));
  switch (construct) {
    case 'bold':
      return `<b>${label()}</b> ${text()}`;
    case 'italic':
      return `<i>${text()}</i>`;
    case 'list':
      return `<ul><li>${label()}</li><li>${label()}</li><li>${label()}</li></ul>`;
    case 'link':
      return `<a href="https://docs.example.com/search?q=${random.int(1, 9999)}&amp;lang=${language}">${label()}</a>`;
    case 'lineBreak':
      return `${text()}<br>${text()}`;
    case 'image':
      return `<img src="https://cdn.example.com/screenshots/${random.int(1, 9999)}.png" alt="${label()}">`;
    case 'table':
      return `<table><tbody><tr><th>Field</th><th>Value</th></tr><tr><td>${label()}</td><td>${text()}</td></tr></tbody></table>`;
    case 'entities':
      return 'Fish &amp; chips: 5 &lt; 7 &gt; 3, &quot;quoted&quot;, &#39;single&#39;, &copy;&nbsp;2025 &euro;';
  }
}
