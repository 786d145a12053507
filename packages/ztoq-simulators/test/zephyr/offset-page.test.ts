import { describe, expect, it } from 'vitest';
import { offsetPage } from '../../src/zephyr/offset-page.js';

const items = Array.from({ length: 25 }, (_, i) => i);
const url = (query: string) => new URL(`http://127.0.0.1:1/v2/testcases?projectKey=P${query}`);
const page = (query: string, maxResultsCap = 1000) =>
  offsetPage(items, url(query).searchParams, { maxResultsCap, requestUrl: url(query) });

describe('offsetPage', () => {
  it('uses the spec defaults: startAt 0, maxResults 10', () => {
    const result = page('');
    expect(result).toEqual({
      ok: true,
      page: {
        startAt: 0,
        maxResults: 10,
        total: 25,
        isLast: false,
        values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        next: 'http://127.0.0.1:1/v2/testcases?projectKey=P&startAt=10&maxResults=10',
      },
    });
  });

  it('lowers maxResults to the server cap and says so in the response', () => {
    const result = page('&startAt=0&maxResults=1000', 7);
    expect(result.ok && result.page.maxResults).toBe(7);
    expect(result.ok && result.page.values).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('marks the last page and leaves out next', () => {
    const result = page('&startAt=20&maxResults=10');
    expect(result.ok && result.page).toEqual({
      startAt: 20,
      maxResults: 10,
      total: 25,
      isLast: true,
      values: [20, 21, 22, 23, 24],
    });
  });

  it('answers past the end with an empty last page', () => {
    const result = page('&startAt=100&maxResults=10');
    expect(result.ok && result.page.values).toEqual([]);
    expect(result.ok && result.page.isLast).toBe(true);
  });

  it('walking pages by the returned maxResults visits every item once', () => {
    const seen: number[] = [];
    let startAt = 0;
    for (;;) {
      const result = page(`&startAt=${startAt}&maxResults=1000`, 4);
      if (!result.ok) throw new Error(result.error.message);
      seen.push(...result.page.values);
      if (result.page.isLast) break;
      startAt += result.page.maxResults;
    }
    expect(seen).toEqual(items);
  });

  it('rejects malformed paging parameters with the spec error shape', () => {
    expect(page('&startAt=-1')).toEqual({
      ok: false,
      status: 400,
      error: { errorCode: 400, message: 'startAt must be an integer greater than or equal to 0' },
    });
    expect(page('&maxResults=0')).toMatchObject({
      ok: false,
      error: { message: 'maxResults must be an integer greater than or equal to 1' },
    });
    expect(page('&maxResults=ten')).toMatchObject({ ok: false, status: 400 });
  });
});
