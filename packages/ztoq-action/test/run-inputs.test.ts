import path from 'node:path';
import { ConfigError } from '@ztoq/core';
import { describe, expect, it } from 'vitest';
import { readRunInputs } from '../src/run-inputs.js';

const reader = (inputs: Record<string, string>) => ({ getInput: (name: string) => inputs[name] ?? '' });
const workspace = path.resolve('/workspace/repo');

describe('readRunInputs', () => {
  it('leaves empty inputs to the engine defaults and resolves paths in the workspace', () => {
    // Phase, batch size, workers and send-report stay unset: a dispatch may still set them.
    expect(readRunInputs(reader({}), workspace)).toEqual({
      batchSize: undefined,
      maxWorkers: undefined,
      limit: undefined,
      dryRun: false,
      createFields: true,
      failOnPartial: false,
      projectsFile: path.join(workspace, 'migration-config/projects.txt'),
      projectsFileGiven: false,
      chain: true,
      timeBudgetMinutes: 330,
    });
    expect(
      readRunInputs(
        reader({
          phase: 'load',
          'batch-size': '200',
          'max-workers': ' 8 ',
          'max-rps': '12.5',
          limit: '10',
          'dry-run': 'False',
          mapping: 'migration-config/mapping.json',
          'target-root': 'Migrated',
          'migration-id': 'm-1',
          'report-dir': '/tmp/reports',
          'create-fields': 'false',
          'fail-on-partial': 'TRUE',
          'send-report': 'false',
          'projects-file': 'queue.txt',
          state: 'none',
          chain: 'false',
          'time-budget-minutes': '0.5',
          'github-token': 'ghp-token',
        }),
        workspace,
      ),
    ).toEqual({
      phase: 'load',
      batchSize: 200,
      maxWorkers: 8,
      maxRps: 12.5,
      limit: 10,
      dryRun: false,
      mappingFile: path.join(workspace, 'migration-config/mapping.json'),
      targetRoot: 'Migrated',
      migrationId: 'm-1',
      reportDir: path.resolve('/tmp/reports'),
      createFields: false,
      failOnPartial: true,
      sendReport: false,
      projectsFile: path.join(workspace, 'queue.txt'),
      projectsFileGiven: true,
      state: 'none',
      chain: false,
      timeBudgetMinutes: 0.5,
      githubToken: 'ghp-token',
    });
  });

  it('names every malformed input in one configuration error', () => {
    const read = () =>
      readRunInputs(
        reader({
          phase: 'migrate',
          limit: '-1',
          'max-workers': '2.5',
          'max-rps': '0',
          'dry-run': 'yes',
          state: 'postgres',
          'time-budget-minutes': '0',
        }),
        workspace,
      );
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(
      [
        'input phase must be one of extract, transform, load, validate, all, got "migrate"',
        'input state must be cache or none, got "postgres"',
        'input time-budget-minutes must be a positive number, got "0"',
        'input max-workers must be a whole number, got "2.5"',
        'input max-rps must be a number above zero, got "0"',
        'input limit must be a whole number, got "-1"',
        'input dry-run must be true or false, got "yes"',
      ].join('; '),
    );
  });
});
