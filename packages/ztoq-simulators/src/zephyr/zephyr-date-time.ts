/** Zephyr's documented date-time format, `yyyy-MM-dd'T'HH:mm:ss'Z'` (UTC, no fraction). */
export function zephyrDateTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}
