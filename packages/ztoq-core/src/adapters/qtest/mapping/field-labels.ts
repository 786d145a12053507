/**
 * Labels of the qTest fields the mapping reads or creates. They are matched case-insensitively
 * against existing fields, so a project that already has `zephyr key` reuses it.
 */
export const FIELD_LABEL = {
  zephyrKey: 'Zephyr Key',
  environment: 'Environment',
  priority: 'Priority',
  status: 'Status',
  labels: 'Labels',
  component: 'Component',
  owner: 'Owner',
  estimatedTime: 'Estimated Time',
} as const;

/** How a yes/no value is shown in a combo box, and the allowed values such a field is created with. */
export const YES = 'Yes';
export const NO = 'No';
