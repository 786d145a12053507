/**
 * Whether a description or note carries the marker line the mapper wrote into it. qTest keeps
 * descriptions and notes as rich text and may hand back `<br>` or paragraphs where plain line
 * breaks were sent (the spec does not say), so both count as line ends. The whole line must
 * match: `Zephyr folder: 12` must not be found in `Zephyr folder: 123`.
 */
export function hasMarkerLine(text: string | undefined, line: string): boolean {
  if (text === undefined || line.trim() === '') return false;
  const wanted = line.trim();
  return text.split(LINE_END).some((candidate) => candidate.replace(TAG, '').trim() === wanted);
}

const LINE_END = /\r?\n|<br\s*\/?>|<\/?(?:p|div)(?:\s[^>]*)?>/i;
/** Inline markup (`<b>`, `<span …>`) around a line's text. */
const TAG = /<[^>]+>/g;
