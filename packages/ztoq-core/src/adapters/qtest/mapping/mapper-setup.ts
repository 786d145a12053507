import type { MapperOptions } from '../../../ports/target.js';
import type { QTestContext } from '../qtest-context.js';

/** What every entity mapper reads: the preflight's decisions and the run's options. */
export interface MapperSetup {
  context: QTestContext;
  options: MapperOptions;
  /** Whether root containers exist (`targetRoot` not empty), i.e. whether top-level things have a parent. */
  hasRoot: boolean;
}
