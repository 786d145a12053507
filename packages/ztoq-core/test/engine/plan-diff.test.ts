import { describe, expect, it } from 'vitest';
import { planDiff } from '../../src/engine/plan-diff.js';

const plan = (body: Record<string, unknown>, parent = 'folder-1') =>
  ({
    body,
    refs: { parent: { type: 'module', sourceId: parent } },
    marker: { zephyrKey: 'P-T1' },
  }) as Parameters<typeof planDiff>[0];

describe('planDiff', () => {
  it('is empty for equal plans, whatever the key order', () => {
    expect(planDiff(plan({ name: 'A', description: 'd' }), plan({ description: 'd', name: 'A' }))).toEqual(
      [],
    );
  });

  it('names each changed leaf by its path, steps by index, and references by their fields', () => {
    const old = plan({
      name: 'Login',
      test_steps: [
        { description: 'Open', expected: 'Shown', order: 1 },
        { description: 'Type', expected: 'Typed', order: 2 },
      ],
    });
    const next = plan(
      {
        name: 'Log in',
        test_steps: [
          { description: 'Open', expected: 'Shown', order: 1 },
          { description: 'Type', expected: 'Accepted', order: 2 },
        ],
      },
      'folder-2',
    );
    expect(planDiff(old, next)).toEqual([
      { path: 'body.name', old: 'Login', new: 'Log in' },
      { path: 'body.test_steps[1].expected', old: 'Typed', new: 'Accepted' },
      { path: 'refs.parent.sourceId', old: 'folder-1', new: 'folder-2' },
    ]);
  });

  it('leaves the missing side out for a field or step that is only on one side', () => {
    const old = plan({ name: 'A', test_steps: [{ description: 'Open', expected: '', order: 1 }] });
    const next = plan({
      name: 'A',
      precondition: 'Logged in',
      test_steps: [
        { description: 'Open', expected: '', order: 1 },
        { description: 'Close', expected: '', order: 2 },
      ],
    });
    expect(planDiff(old, next)).toEqual([
      { path: 'body.precondition', new: 'Logged in' },
      { path: 'body.test_steps[1]', new: { description: 'Close', expected: '', order: 2 } },
    ]);
    expect(planDiff(next, old)).toEqual([
      { path: 'body.precondition', old: 'Logged in' },
      { path: 'body.test_steps[1]', old: { description: 'Close', expected: '', order: 2 } },
    ]);
  });
});
