import path from 'node:path';
import { ConfigError } from '@ztoq/core';
import { describe, expect, it } from 'vitest';
import { readRunInputs } from '../src/run-inputs.js';

const reader = (inputs: Record<string, string>) => ({ getInput: (name: string) => inputs[name] ?? '' });
const workspace = path.resolve('/workspace/repo');

describe('readRunInputs', () => {
  it('leaves empty inputs to the engine defaults and resolves paths in the workspace', () => {
    expect(readRunInputs(reader({}), workspace)).toEqual({
      phase: 'all',
      batchSize: undefined,
      maxWorkers: undefined,
      limit: undefined,
      dryRun: false,
      createFields: true,
      failOnPartial: false,
      sendReport: true,
    });
    expect(
      readRunInputs(
        reader({
          phase: 'load',
          'batch-size': '200',
          'max-workers': ' 8 ',
          limit: '10',
          'dry-run': 'False',
          mapping: 'migration-config/mapping.json',
          'target-root': 'Migrated',
          'migration-id': 'm-1',
          'report-dir': '/tmp/reports',
          'create-fields': 'false',
          'fail-on-partial': 'TRUE',
          'send-report': 'false',
        }),
        workspace,
      ),
    ).toEqual({
      phase: 'load',
      batchSize: 200,
      maxWorkers: 8,
      limit: 10,
      dryRun: false,
      mappingFile: path.join(workspace, 'migration-config/mapping.json'),
      targetRoot: 'Migrated',
      migrationId: 'm-1',
      reportDir: path.resolve('/tmp/reports'),
      createFields: false,
      failOnPartial: true,
      sendReport: false,
    });
  });

  it('names every malformed input in one configuration error', () => {
    const read = () =>
      readRunInputs(
        reader({ phase: 'migrate', limit: '-1', 'max-workers': '2.5', 'dry-run': 'yes' }),
        workspace,
      );
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(
      [
        'input phase must be one of extract, transform, load, validate, all, got "migrate"',
        'input max-workers must be a whole number, got "2.5"',
        'input limit must be a whole number, got "-1"',
        'input dry-run must be true or false, got "yes"',
      ].join('; '),
    );
  });
});
