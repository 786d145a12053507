import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlReporter } from '../src/index.js';
import {
  HOSTILE_NAME,
  type ReportScenario,
  rerunWithEdits,
  runWithFailures,
} from './support/report-scenarios.js';

const SCREENSHOTS = fileURLToPath(new URL('../test-output/', import.meta.url));

let scenario: ReportScenario;
let rerun: Awaited<ReturnType<typeof rerunWithEdits>>;
let browser: BrowserContext;
let profile: string;
beforeAll(async () => {
  profile = await mkdtemp(path.join(tmpdir(), 'ztoq-chromium-profile-'));
  [scenario, rerun, browser] = await Promise.all([
    runWithFailures(),
    rerunWithEdits(),
    // Debian's chromium with a new, empty profile and nothing of its own calling home, so
    // any request the page makes is the report's.
    chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    }),
  ]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await Promise.all([scenario?.rig.close(), rerun?.rig.close()]);
  await rm(profile, { recursive: true, force: true });
});

describe('the HTML report in Chromium', () => {
  it('renders offline without console errors, shows the JSON counts and the hostile name as text', async () => {
    const outDir = await mkdtemp(path.join(tmpdir(), 'ztoq-report-chromium-'));
    const [file] = await htmlReporter.render(scenario.report, scenario.context(outDir));
    const url = pathToFileURL(file!).href;

    const page = await browser.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    const consoleErrors: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    page.on('request', (request) => {
      if (request.url() !== url) requests.push(request.url());
    });
    await page.goto(url, { waitUntil: 'load' });

    const counts = await page.$$eval('[data-count]', (cells) =>
      Object.fromEntries(cells.map((cell) => [cell.getAttribute('data-count'), cell.textContent])),
    );
    for (const row of scenario.report.entities) {
      for (const field of ['transformed', 'loaded', 'alreadyPresent', 'failed', 'skipped'] as const) {
        expect(counts[`${row.type}.${field}`], `${row.type}.${field}`).toBe(String(row[field]));
      }
    }
    for (const extracted of scenario.report.extracted) {
      expect(counts[`extracted.${extracted.name}`]).toBe(String(extracted.count));
    }
    expect(await page.textContent('[data-field="status"]')).toBe(scenario.report.status);
    expect(await page.textContent('[data-field="failures.total"]')).toBe(
      String(scenario.report.failures.total),
    );

    // The name reads as typed, and no element was made of it.
    const labels = await page.$$eval('[data-field="failure-label"]', (cells) =>
      cells.map((cell) => cell.textContent),
    );
    expect(labels.some((label) => label?.includes(HOSTILE_NAME))).toBe(true);
    expect(await page.$$eval('script', (scripts) => scripts.length)).toBe(0);

    // Phone width: nothing but the tables' own scroll boxes is wider than the screen.
    // A string, since the test is typed without the DOM library.
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);

    await mkdir(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'report-phone.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'report-desktop.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  });

  it('shows a re-run after edits: per type updated, unchanged and removed in source, the removed listed by name, the version note', async () => {
    const outDir = await mkdtemp(path.join(tmpdir(), 'ztoq-report-chromium-rerun-'));
    const [file] = await htmlReporter.render(rerun.report, rerun.context(outDir));
    const url = pathToFileURL(file!).href;
    const page = await browser.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    await page.goto(url, { waitUntil: 'load' });

    const counts = await page.$$eval('[data-count]', (cells) =>
      Object.fromEntries(cells.map((cell) => [cell.getAttribute('data-count'), cell.textContent])),
    );
    for (const row of rerun.report.entities) {
      for (const field of ['created', 'updated', 'unchanged', 'removedInSource'] as const) {
        expect(counts[`${row.type}.${field}`], `${row.type}.${field}`).toBe(String(row[field]));
      }
    }
    // What the edits imply, independent of the report: one case renamed, one deleted, one added.
    expect(counts['test-case.created']).toBe('1');
    expect(counts['test-case.updated']).toBe('1');
    expect(counts['test-case.unchanged']).toBe(String(rerun.edits.caseCount - 2));
    expect(counts['test-case.removedInSource']).toBe('1');
    expect(counts['module.updated']).toBe('1');
    expect(counts['test-log.removedInSource']).toBe(String(rerun.edits.deletedExecutions));

    const removed = await page.$$eval('tr[data-removed]', (rows) =>
      rows.map((row) => [
        row.getAttribute('data-removed'),
        ...[...row.children].map((cell) => cell.textContent),
      ]),
    );
    expect(removed).toHaveLength(rerun.report.removedInSource.length);
    const removedCase = removed.find((row) => row[0] === 'test-case');
    expect(removedCase?.[2]).toBe(rerun.edits.deleted.key);
    // The deleted case's hostile name reads as typed: text, not an element.
    expect(removedCase?.[3]).toContain(HOSTILE_NAME);
    expect(await page.$$eval('script', (scripts) => scripts.length)).toBe(0);
    const notices = await page.$$eval('[data-field="notice"]', (cells) =>
      cells.map((cell) => cell.textContent),
    );
    expect(notices).toContain(
      '1 test case was changed in Zephyr and updated in qTest: each update made a new version of the qTest test case, and earlier versions stay in its history.',
    );
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);

    await mkdir(SCREENSHOTS, { recursive: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'report-rerun-desktop.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);
    await page.close();
  });
});
