/**
 * Text the mapping inserts into qTest's HTML fields (descriptions, steps) is escaped; text that
 * came from Zephyr's rich-text editor is HTML already and is kept as it is.
 */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/** Plain text for an HTML field: escaped, with its line breaks kept as `<br>`. */
export function textToHtml(text: string): string {
  return escapeHtml(text).replace(/\r?\n/g, '<br>');
}

/** Zephyr writes line breaks of plain-text values as `<br>`; qTest's text fields want newlines. */
export function breaksToNewlines(text: string): string {
  return text.replace(/<br\s*\/?>/gi, '\n');
}

const IMAGE = /<img\b/gi;
/**
 * Links to files rather than pages: Jira/Zephyr attachment paths, `file:` URLs and documents
 * by extension. qTest will not have those files, so each is reported like an image.
 */
const FILE_LINK =
  /<a\b[^>]*\bhref\s*=\s*["'](?:file:[^"']*|[^"']*\/attachments?\/[^"']*|[^"'?#]*\.(?:png|jpe?g|gif|bmp|svg|webp|pdf|zip|docx?|xlsx?|pptx?|csv|txt|log)(?:[?#][^"']*)?)["']/gi;

/** How many images and file links the HTML refers to: content qTest shows only while the source serves it. */
export function countAttachmentReferences(texts: readonly string[]): number {
  let count = 0;
  for (const text of texts) {
    count += (text.match(IMAGE)?.length ?? 0) + (text.match(FILE_LINK)?.length ?? 0);
  }
  return count;
}
