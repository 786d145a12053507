/**
 * Every date is an offset from fixed instants rather than from "now", so the same seed gives the
 * same dates on any day. Test cases are written in 2022, versions follow within weeks, and all
 * testing happens from March 2023 on, so no execution predates the version it ran.
 */
export const TEST_DESIGN_START = Date.UTC(2022, 0, 3, 8, 0, 0);
export const TEST_DESIGN_SPAN = days(300);
/** Later versions of a test case follow the first one at this interval. */
export const VERSION_INTERVAL = days(21);
export const TESTING_START = Date.UTC(2023, 2, 1, 8, 0, 0);
export const TESTING_SPAN = days(600);
export const CYCLE_LENGTH = days(14);

export function days(count: number): number {
  return count * 24 * 60 * 60 * 1000;
}

export function minutes(count: number): number {
  return count * 60 * 1000;
}

/** Zephyr's date-time format, `yyyy-MM-ddTHH:mm:ssZ` (UTC, whole seconds). */
export function isoDateTime(epochMillis: number): string {
  return new Date(Math.floor(epochMillis / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Zephyr's custom-field date format, `yyyy-MM-dd`. */
export function isoDate(epochMillis: number): string {
  return new Date(epochMillis).toISOString().slice(0, 10);
}

/** When cycle `index` of `count` was planned to start: cycles follow each other over the testing span. */
export function cycleStart(index: number, count: number): number {
  return TESTING_START + Math.floor((index * TESTING_SPAN) / count / 1000) * 1000;
}
