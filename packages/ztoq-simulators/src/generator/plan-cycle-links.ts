import { ItemRandom } from './item-random.js';
import {
  SHOWCASE_CYCLE_IN_NO_PLAN,
  SHOWCASE_CYCLE_IN_SEVERAL_PLANS,
  SHOWCASE_PLANS_WITH_SHARED_CYCLE,
} from './showcase.js';

/** Which cycles each plan links to and, the same links seen from the other side, which plans each cycle is in. */
export interface PlanCycleLinks {
  /** Cycle indexes per plan index, ascending. */
  readonly cyclesOfPlan: readonly (readonly number[])[];
  /** Plan indexes per cycle index, ascending. */
  readonly plansOfCycle: readonly (readonly number[])[];
}

/** The most cycles a random plan links to. */
const MAX_CYCLES_PER_PLAN = 8;

/**
 * The shared cycle is in the first plans; the lonely cycle is in none; every plan also links
 * a few random cycles from the rest, so some of those end up in several plans too.
 */
export function linkPlansToCycles(seed: number, planCount: number, cycleCount: number): PlanCycleLinks {
  const randomCycles = Array.from({ length: cycleCount }, (_, index) => index).filter(
    (index) => index !== SHOWCASE_CYCLE_IN_SEVERAL_PLANS && index !== SHOWCASE_CYCLE_IN_NO_PLAN,
  );
  const cyclesOfPlan = Array.from({ length: planCount }, (_, plan) => {
    const random = ItemRandom.of(seed, 'planCycles', plan);
    const shared = plan < SHOWCASE_PLANS_WITH_SHARED_CYCLE ? [SHOWCASE_CYCLE_IN_SEVERAL_PLANS] : [];
    const count = random.int(shared.length > 0 ? 0 : 1, Math.min(MAX_CYCLES_PER_PLAN, randomCycles.length));
    return [...shared, ...random.sample(randomCycles, count)].sort((a, b) => a - b);
  });
  const plansOfCycle = Array.from({ length: cycleCount }, (_, cycle) =>
    cyclesOfPlan.flatMap((cycles, plan) => (cycles.includes(cycle) ? [plan] : [])),
  );
  return { cyclesOfPlan, plansOfCycle };
}
