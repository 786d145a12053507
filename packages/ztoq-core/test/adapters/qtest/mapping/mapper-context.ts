import { buildQTestContext } from '../../../../src/adapters/qtest/mapping/index.js';
import type { QTestContext } from '../../../../src/adapters/qtest/qtest-context.js';
import type { MappingFile } from '../../../../src/model/mapping-file.js';
import { census, field, qtestSettings, withMarkerFields } from './fixtures.js';

/**
 * The context after a real preflight of a project that uses every feature: all fields exist
 * with known ids. Field ids: Zephyr Key 20 (cases) / 40 (releases), Labels 50, Component 51,
 * Owner 52, Estimated Time 53, custom fields 54–59, Environment 60.
 */
export const MAPPING: MappingFile = {
  users: { 'acc-ada': 'ada@example.test' },
  fieldDefaults: {
    'test-cases': { Type: 'Automation' },
    'test-runs': { Build: 'nightly' },
    releases: { Budget: '10' },
  },
};

export function mapperContext(mapping: MappingFile = MAPPING): QTestContext {
  const settings = withMarkerFields(
    qtestSettings({
      'test-cases': [
        field(50, 'Labels', 17, ['smoke', 'ログイン']),
        field(51, 'Component', 1),
        field(52, 'Owner', 1),
        field(53, 'Estimated Time', 7),
        field(54, 'Story Points', 7),
        field(55, '備考', 2),
        field(56, 'Regulatory', 3, ['Yes', 'No']),
        field(57, 'Last Reviewed', 4),
        field(58, 'Platforms', 17, ['Web', 'iOS']),
        field(59, 'Test Type', 1),
      ],
      'test-runs': [field(60, 'Environment', 3, ['Chrome', 'Safari']), field(61, 'Build', 1)],
      releases: [field(62, 'Budget', 7)],
    }),
  );
  const used = census({
    environments: ['Chrome', 'Safari'],
    users: ['acc-ada', 'acc-bob'],
    testCaseAttributes: {
      labels: ['smoke', 'ログイン'],
      components: ['10001'],
      owners: true,
      estimatedTime: true,
    },
    testCaseFields: [
      { name: 'Story Points', kinds: ['number'], values: [], manyValues: false },
      { name: '備考', kinds: ['multiline'], values: [], manyValues: false },
      { name: 'Regulatory', kinds: ['boolean'], values: [], manyValues: false },
      { name: 'Last Reviewed', kinds: ['date'], values: [], manyValues: false },
      { name: 'Platforms', kinds: ['list'], values: ['Web', 'iOS'], manyValues: false },
      { name: 'Test Type', kinds: ['text'], values: [], manyValues: false },
      { name: 'Secret', kinds: ['text'], values: [], manyValues: false },
    ],
  });
  const { context, problems } = buildQTestContext(used, settings, {
    mapping: { ...mapping, testCaseFields: { Secret: null } },
    createFields: true,
  });
  if (problems.length > 0) throw new Error(`test context has problems: ${JSON.stringify(problems)}`);
  return context;
}
