import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { defineReporter } from '@ztoq/reporters';

/**
 * A custom ztoq reporter: the migrated entities as JUnit XML, one test suite per qTest type and
 * one test case per entity, so a CI server's test view shows what made it across. Loaded or
 * pending entities pass, failed ones fail, skipped and never-loaded ones are skipped.
 *
 *   pnpm ztoq report --project-key DEMO --out reports --reporter ./examples/custom-reporter/src/junit-reporter.ts
 */
export default defineReporter({
  name: 'junit',
  async render(report, { outDir, entities }) {
    const file = path.join(outDir, 'migration-junit.xml');
    const out = createWriteStream(file, { encoding: 'utf8' });
    const totals = new Map(report.entities.map((row) => [row.type, row]));
    const write = async (text: string) => {
      if (!out.write(text)) await once(out, 'drain');
    };
    await write(
      `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="ztoq ${xml(report.projectKey)}">\n`,
    );
    // The id map streams in type order, so one suite is open at a time.
    let open: string | undefined;
    for await (const page of entities()) {
      for (const row of page) {
        if (row.type !== open) {
          if (open !== undefined) await write('  </testsuite>\n');
          const counts = totals.get(row.type);
          await write(
            `  <testsuite name="${xml(row.type)}" tests="${counts?.transformed ?? 0}" failures="${counts?.failed ?? 0}" skipped="${(counts?.skipped ?? 0) + (counts ? counts.transformed - counts.loaded - counts.failed - counts.skipped - counts.pending : 0)}">\n`,
          );
          open = row.type;
        }
        // Labels start with the Zephyr key; folders' labels are their paths.
        const name = row.label || row.sourceKey;
        const body =
          row.status === 'failed'
            ? `<failure message="${xml(row.message)}"/>`
            : row.status === 'skipped' || row.status === 'not loaded'
              ? `<skipped message="${xml(row.message || row.status)}"/>`
              : `<system-out>qTest id ${xml(row.targetId ?? 'unconfirmed')}</system-out>`;
        await write(`    <testcase classname="${xml(row.type)}" name="${xml(name)}">${body}</testcase>\n`);
      }
    }
    if (open !== undefined) await write('  </testsuite>\n');
    await write('</testsuites>\n');
    out.end();
    await once(out, 'close');
    return [file];
  },
});

/** XML attribute and text escaping; also drops control characters XML 1.0 cannot hold. */
function xml(text: string): string {
  return (
    text
      .replaceAll('&', '&amp;')
      .replaceAll('<', '&lt;')
      .replaceAll('>', '&gt;')
      .replaceAll('"', '&quot;')
      .replaceAll("'", '&apos;')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '')
  );
}
