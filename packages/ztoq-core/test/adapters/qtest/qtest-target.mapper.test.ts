/** The two halves together: the mapper's plans, from preflight's context, are what the transport creates and finds. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedEntity, PlannedEntity, ResolvedEntity } from '../../../src/ports/target.js';
import { census, type Site, startSite } from './qtest-target-support.js';

let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(() => site.close());

describe('createMapper', () => {
  it('plans containers the target creates, finds and verifies', async () => {
    const { context, problems } = await site.target.preflight(census(), {
      mapping: {},
      createFields: true,
      dryRun: false,
      targetRoot: 'Zephyr DEMO',
    });
    expect(problems).toEqual([]);
    const mapper = site.target.createMapper(context, {
      projectKey: 'DEMO',
      mapping: {},
      targetRoot: 'Zephyr DEMO',
    });

    // Parents first, as the engine creates them; references resolve through what was created.
    const created = new Map<string, CreatedEntity>();
    const planned = [...mapper.containers()].sort((a, b) => (a.level ?? 0) - (b.level ?? 0));
    expect(planned.map((entity) => entity.type)).toEqual(['module', 'test-cycle']);
    for (const entity of planned) {
      const resolvedEntity = resolve(entity, created);
      const made = await site.target.create(resolvedEntity);
      created.set(`${entity.type}/${entity.sourceId}`, made);

      expect(await site.target.find(resolvedEntity)).toEqual(made);
      expect(await site.target.verify({ ...resolvedEntity, targetId: made.targetId, data: null })).toEqual({
        exists: true,
        differences: [],
      });
    }
  });
});

function resolve(entity: PlannedEntity, created: ReadonlyMap<string, CreatedEntity>): ResolvedEntity {
  const refs = Object.fromEntries(
    Object.entries(entity.refs).map(([name, ref]) => {
      const target = created.get(`${ref.type}/${ref.sourceId}`);
      if (target === undefined) throw new Error(`${ref.type} ${ref.sourceId} was not created first`);
      return [name, { targetId: target.targetId, data: target.data ?? null }];
    }),
  );
  return { type: entity.type, sourceId: entity.sourceId, body: entity.body, marker: entity.marker, refs };
}
