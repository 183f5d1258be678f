/**
 * The issue's performance targets, each next to the figure measured for it. A target whose measurement
 * was skipped (--quick) is "n/a"; one measured on only some rows (bugs settled by a saved trace have no
 * random seed) is "incomplete" when every measured row passes.
 */
import type { BugFind } from './bugs.js';
import { fixed, int, seconds } from './table.js';
import type { ExploreThroughput, FullRun, RandomThroughput } from './whole.js';

export const TARGETS = {
  randomStepsPerSec: 50_000,
  exploreStatesPerSec: 25_000,
  /** States per second on 2 cores over one. */
  speedup: 1.7,
  bugExploreMs: 10_000,
  bugRandomMs: 5_000,
  /** The random checker's minimal trace over the explorer's shortest. */
  lengthRatio: 1.5,
  fullRunMs: 60_000,
} as const;

export type Status = 'pass' | 'FAIL' | 'n/a' | 'incomplete';

export interface Target {
  readonly name: string;
  readonly required: string;
  readonly measured: string;
  readonly status: Status;
}

const passIf = (ok: boolean): Status => (ok ? 'pass' : 'FAIL');

/** Per bug: found by the explorer within the target time. */
export function exploreStatus(find: BugFind): Status {
  return passIf(find.explore.shortest !== null && find.explore.ms < TARGETS.bugExploreMs);
}

/** Per bug: found by the random checker within the target time; n/a without a check seed. */
export function randomStatus(find: BugFind): Status {
  if (find.random === null) return 'n/a';
  return passIf(find.random.found !== null && find.random.found.msToFind < TARGETS.bugRandomMs);
}

/**
 * Per bug: the random checker's minimal trace is at most 1.5x the shortest. A fail when the random
 * checker found nothing; n/a without a check seed, or without a shortest length to compare with.
 */
export function ratioStatus(find: BugFind): Status {
  if (find.random === null) return 'n/a';
  if (find.random.found === null) return 'FAIL';
  if (find.ratio === null) return 'n/a';
  return passIf(find.ratio <= TARGETS.lengthRatio);
}

function overBugs(name: string, required: string, finds: readonly BugFind[] | null, status: (find: BugFind) => Status, why: string): Target {
  if (finds === null) return { name, required, measured: 'skipped (--quick)', status: 'n/a' };
  const statuses = finds.map(status);
  const measured = statuses.filter((s) => s !== 'n/a').length;
  const passed = statuses.filter((s) => s === 'pass').length;
  const failed = finds.filter((_, i) => statuses[i] === 'FAIL').map((f) => f.bug);
  const unmeasured = finds.filter((_, i) => statuses[i] === 'n/a').map((f) => f.bug);
  const text =
    `${passed}/${measured} measured rows pass` +
    (failed.length > 0 ? `; fail: ${failed.join(', ')}` : '') +
    (unmeasured.length > 0 ? `; not measured (${why}): ${unmeasured.join(', ')}` : '');
  return { name, required, measured: text, status: failed.length > 0 ? 'FAIL' : unmeasured.length > 0 ? 'incomplete' : 'pass' };
}

export function targets(
  random: RandomThroughput,
  exploring: ExploreThroughput,
  full: FullRun | null,
  bugs: readonly BugFind[] | null,
): Target[] {
  return [
    {
      name: 'random checker, one core',
      required: `>= ${int(TARGETS.randomStepsPerSec)} steps/s`,
      measured: `${int(random.stepsPerSec)} steps/s`,
      status: passIf(random.stepsPerSec >= TARGETS.randomStepsPerSec),
    },
    {
      name: `explore, one worker (depth ${exploring.maxDepth})`,
      required: `>= ${int(TARGETS.exploreStatesPerSec)} states/s`,
      measured: `${int(exploring.one.statesPerSec)} states/s`,
      status: passIf(exploring.one.statesPerSec >= TARGETS.exploreStatesPerSec),
    },
    {
      name: `explore speed-up, ${exploring.all.workers} workers`,
      required: `>= ${fixed(TARGETS.speedup, 1)}x on 2 cores`,
      measured: `${fixed(exploring.speedup, 2)}x (${int(exploring.all.statesPerSec)} states/s)`,
      status: exploring.all.workers < 2 ? 'n/a' : passIf(exploring.speedup >= TARGETS.speedup && exploring.countsEqual),
    },
    overBugs('every bug found by explore', `< ${seconds(TARGETS.bugExploreMs)}`, bugs, exploreStatus, ''),
    overBugs('every bug found by random', `< ${seconds(TARGETS.bugRandomMs)} to find`, bugs, randomStatus, 'no check seed'),
    overBugs('random minimal length', `<= ${fixed(TARGETS.lengthRatio, 1)}x shortest`, bugs, ratioStatus, 'no check seed or no shortest'),
    full === null
      ? { name: 'full run of the anchor config', required: `< ${seconds(TARGETS.fullRunMs)}`, measured: 'skipped (--quick)', status: 'n/a' }
      : {
          name: `full run of the anchor config, ${full.workers} workers`,
          required: `< ${seconds(TARGETS.fullRunMs)}`,
          measured: full.completed
            ? `complete in ${seconds(full.ms)} (${int(full.states)} states, depth ${full.depth})`
            : `${full.violation === null ? `stopped by ${full.stoppedBy ?? '?'}` : `violation ${full.violation}`} after ${seconds(full.ms)} at depth ${full.depth} (${int(full.states)} states)`,
          status: passIf(full.completed && full.ms < TARGETS.fullRunMs),
        },
  ];
}
