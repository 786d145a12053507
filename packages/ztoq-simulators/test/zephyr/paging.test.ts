import { afterEach, describe, expect, it } from 'vitest';
import { fixtureDataset, STEP_HEAVY_CASE, STEP_HEAVY_STEP_COUNT } from './fixtures.js';
import { closeZephyrSimulators, startZephyr } from './harness.js';

afterEach(closeZephyrSimulators);

interface Page {
  startAt: number;
  maxResults: number;
  total?: number;
  isLast?: boolean;
  next?: string;
  values: { key?: string; inline?: { description?: string } }[];
}

const keys = (page: Page) => page.values.map((value) => value.key);

describe('Zephyr offset paging over HTTP', () => {
  it('answers 10 items from 0 when startAt and maxResults are left out', async () => {
    const zephyr = await startZephyr({ dataset: fixtureDataset({ extraTestCases: 19 }) });
    const { body } = await zephyr.call('/testcases');
    const page = body as Page;
    expect(page).toMatchObject({ startAt: 0, maxResults: 10, total: 25, isLast: false });
    expect(keys(page)).toEqual(Array.from({ length: 10 }, (_, index) => `ZT-T${index + 1}`));
    expect(page.next).toBe(`${zephyr.baseUrl}/testcases?startAt=10&maxResults=10`);
  });

  it('lowers maxResults to the server cap and says so in the response', async () => {
    const zephyr = await startZephyr({ dataset: fixtureDataset({ extraTestCases: 19 }), maxResultsCap: 7 });
    const { body } = await zephyr.call('/testcases', { query: { maxResults: '1000' } });
    expect((body as Page).maxResults).toBe(7);
    expect((body as Page).values).toHaveLength(7);
  });

  it('shows each item once to a client that steps by the returned maxResults, and skips items of one that does not', async () => {
    const zephyr = await startZephyr({ dataset: fixtureDataset({ extraTestCases: 19 }), maxResultsCap: 7 });
    const all = Array.from({ length: 25 }, (_, index) => `ZT-T${index + 1}`);
    const walked = (await zephyr.walk('/testcases')) as { key: string }[];
    expect(walked.map((testCase) => testCase.key)).toEqual(all);

    // Stepping by the 20 it asked for, a naive client lands on 0, 20 and sees 7 + 5 cases.
    const naive: string[] = [];
    for (let startAt = 0; startAt < 25; startAt += 20) {
      const { body } = await zephyr.call('/testcases', {
        query: { startAt: String(startAt), maxResults: '20' },
      });
      naive.push(...keys(body as Page).map(String));
    }
    expect(naive).toHaveLength(12);
  });

  it('marks only the last page with isLast and answers past the end with an empty last page', async () => {
    const zephyr = await startZephyr({ dataset: fixtureDataset({ extraTestCases: 19 }) });
    const page = async (startAt: number) =>
      (await zephyr.call('/testcases', { query: { startAt: String(startAt), maxResults: '10' } }))
        .body as Page;
    expect((await page(10)).isLast).toBe(false);
    const last = await page(20);
    expect(last.isLast).toBe(true);
    expect(last.next).toBeUndefined();
    expect(keys(last)).toEqual(['ZT-T21', 'ZT-T22', 'ZT-T23', 'ZT-T24', 'ZT-T25']);
    const beyond = await page(40);
    expect(beyond).toMatchObject({ isLast: true, values: [] });
  });

  it('pages test steps at most 100 at a time, as the spec documents for that endpoint', async () => {
    const zephyr = await startZephyr();
    const path = `/testcases/${STEP_HEAVY_CASE}/teststeps`;
    const first = (await zephyr.call(path, { query: { maxResults: '1000' } })).body as Page;
    expect(first).toMatchObject({ startAt: 0, maxResults: 100, total: STEP_HEAVY_STEP_COUNT, isLast: false });
    expect(first.values).toHaveLength(100);
    const second = (await zephyr.call(path, { query: { startAt: '100', maxResults: '1000' } })).body as Page;
    expect(second).toMatchObject({ startAt: 100, maxResults: 100, isLast: true });
    expect(second.values.map((step) => step.inline?.description)).toEqual(
      Array.from({ length: 50 }, (_, index) => `Step ${index + 101}`),
    );
    // Zephyr's usual default still applies when maxResults is left out.
    expect(((await zephyr.call(path)).body as Page).values).toHaveLength(10);
  });

  it('applies a general cap below 100 to test steps too', async () => {
    const zephyr = await startZephyr({ maxResultsCap: 30 });
    const page = (
      await zephyr.call(`/testcases/${STEP_HEAVY_CASE}/teststeps`, { query: { maxResults: '100' } })
    ).body as Page;
    expect(page.maxResults).toBe(30);
  });

  it('pages every list endpoint the same way', async () => {
    const zephyr = await startZephyr({ maxResultsCap: 2 });
    for (const path of [
      '/folders',
      '/statuses',
      '/priorities',
      '/environments',
      '/testcycles',
      '/testplans',
      '/testexecutions',
    ]) {
      const { body } = await zephyr.call(path, { query: { maxResults: '50' } });
      expect(body, path).toMatchObject({ startAt: 0, maxResults: 2 });
      expect((body as Page).values, path).toHaveLength(2);
    }
  });

  it('refuses malformed paging parameters with a 400 in the spec error shape', async () => {
    const zephyr = await startZephyr();
    const malformed: Record<string, string>[] = [
      { startAt: 'abc' },
      { startAt: '-1' },
      { maxResults: '0' },
      { maxResults: '2.5' },
    ];
    for (const query of malformed) {
      const answer = await zephyr.call('/testexecutions', { query });
      expect(answer.status, JSON.stringify(query)).toBe(400);
      expect(answer.body).toEqual({
        errorCode: 400,
        message: expect.stringMatching(/^(startAt|maxResults) must be/),
      });
    }
  });
});
