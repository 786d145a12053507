import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseMappingFile, readMappingFile } from '../../src/index.js';

describe('mapping file', () => {
  it('accepts every documented key', () => {
    const mapping = parseMappingFile(
      JSON.stringify({
        testCasePriority: { Normal: 'Medium' },
        testCaseStatus: { Draft: 'New' },
        executionStatus: { Retest: 'Incomplete' },
        users: { 'abc:123': 'tester@example.test', other: 7 },
        testCaseFields: { 'Story Points': 'Points', Legacy: null },
        fieldDefaults: { 'test-cases': { Team: 'QA' } },
      }),
    );
    expect(mapping.executionStatus).toEqual({ Retest: 'Incomplete' });
    expect(mapping.users).toEqual({ 'abc:123': 'tester@example.test', other: 7 });
    expect(mapping.testCaseFields).toEqual({ 'Story Points': 'Points', Legacy: null });
    expect(parseMappingFile('{}')).toEqual({});
  });

  it('names the JSON path of every wrong value and unknown key at once', () => {
    let error: unknown;
    try {
      parseMappingFile(
        JSON.stringify({ executionStatuses: {}, executionStatus: { 'In Review': 3 }, users: { x: -1 } }),
        'map.json',
      );
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('map.json: $.executionStatus["In Review"]');
    expect(message).toContain('executionStatuses');
    expect(message).toContain('map.json: $.users.x');
    expect((error as ConfigError).exitCode).toBe(2);
  });

  it('gives the line and column of a JSON syntax error', () => {
    expect(() => parseMappingFile('{\n  "users": {\n    "a": "b",\n  }\n}', 'map.json')).toThrow(
      /map\.json: not valid JSON \(.* at line 4, column 3\)/,
    );
  });

  it('reads a file and says which file cannot be read', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'ztoq-mapping-'));
    const file = path.join(directory, 'mapping.json');
    await writeFile(file, '{"testCaseStatus":{"Draft":"New"}}');
    expect(await readMappingFile(file)).toEqual({ testCaseStatus: { Draft: 'New' } });
    await expect(readMappingFile(path.join(directory, 'missing.json'))).rejects.toThrow(
      /mapping file .*missing\.json cannot be read \(ENOENT\)/,
    );
  });
});
