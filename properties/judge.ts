/** Judging a violation by name: the invariant's judgement, record by record (judgement.ts). */
import type { Config } from '../spec/config.js';
import type { State } from '../spec/types.js';
import { invariantNamed } from './index.js';
import { judgeViolation, type Judgement } from './judgement.js';

export type { Judgement } from './judgement.js';

export function judge(config: Config, invariant: string, run: State): Judgement {
  return judgeViolation(config, invariantNamed(invariant), run);
}
