import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProjectsFile, readProjectsFile } from '../../src/config/projects-file.js';
import { ConfigError } from '../../src/errors.js';

describe('parseProjectsFile', () => {
  it('reads keys, optional qTest targets, and skips comments and blank lines', () => {
    const text = [
      '# Projects to migrate, in order',
      '',
      'PROJ',
      '  WEB_2 = 12345   # goes to its own qTest project',
      'MOBILE=7',
      '   ',
      '#DONE',
    ].join('\r\n');
    expect(parseProjectsFile(text)).toEqual([
      { projectKey: 'PROJ', line: 3 },
      { projectKey: 'WEB_2', qtestProjectId: 12345, line: 4 },
      { projectKey: 'MOBILE', qtestProjectId: 7, line: 5 },
    ]);
  });

  it('accepts an empty file', () => {
    expect(parseProjectsFile('# nothing yet\n')).toEqual([]);
  });

  it('reports every malformed line with its line number', () => {
    const text = ['PROJ', 'proj', 'A B', 'WEB = abc', 'APP = 0', 'PROJ = 3', 'X = 1 = 2'].join('\n');
    let caught: unknown;
    try {
      parseProjectsFile(text, 'migration-config/projects.txt');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).problems).toEqual([
      'migration-config/projects.txt:2 is not a Zephyr project key: "proj" (expected capital letters, digits and _, starting with a letter, e.g. PROJ)',
      'migration-config/projects.txt:3: expected "KEY" or "KEY = <qTest project id>", got "A B"',
      'migration-config/projects.txt:4: qTest project id for WEB must be a positive whole number, got "abc"',
      'migration-config/projects.txt:5: qTest project id for APP must be a positive whole number, got "0"',
      'migration-config/projects.txt:6: project PROJ is listed twice (first on line 1)',
      'migration-config/projects.txt:7: expected "KEY" or "KEY = <qTest project id>", got "X = 1 = 2"',
    ]);
  });

  it('reads the repository example file without problems', async () => {
    const entries = await readProjectsFile(
      new URL('../../../../migration-config/projects.txt', import.meta.url).pathname,
    );
    expect(entries.length).toBeGreaterThan(0);
  });

  it('says which file it could not read', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ztoq-projects-'));
    await expect(readProjectsFile(path.join(dir, 'missing.txt'))).rejects.toThrow(
      `cannot read projects file ${path.join(dir, 'missing.txt')}: ENOENT`,
    );
    await writeFile(path.join(dir, 'ok.txt'), 'ABC\n');
    await expect(readProjectsFile(path.join(dir, 'ok.txt'))).resolves.toEqual([
      { projectKey: 'ABC', line: 1 },
    ]);
  });
});
