/**
 * The performance targets, each next to the figure measured for it: the explorer-speed issue's first
 * (states per second, the question TLC answers in 80 s, the commit question on 2 workers, the random
 * checker, every known bug by full breadth-first search, the speed-up on a long search), then the
 * evidence issue's for the random checker's finds. A target whose measurement was skipped (--quick) is
 * "n/a"; one measured on only some rows (bugs settled by a saved trace have no random seed) is
 * "incomplete" when every measured row passes.
 */
import type { BugFind } from './bugs.js';
import { fixed, int, seconds } from './table.js';
import { TLC_REFERENCE, type ExploreThroughput, type RandomThroughput, type SearchRun } from './whole.js';

export const TARGETS = {
  randomStepsPerSec: 50_000,
  exploreStatesPerSec: 25_000,
  /** Half of TLC's time on the same question, one worker. */
  tlcQuestionMs: TLC_REFERENCE.ms / 2,
  /** The commit question, complete on 2 workers. */
  commitQuestionMs: 60_000,
  /** States per second on 2 workers over one, on a search longer than 30 s. */
  speedup: 1.6,
  longSearchMs: 30_000,
  bugExploreMs: 5_000,
  bugRandomMs: 5_000,
  /** The random checker's minimal trace over the explorer's shortest. */
  lengthRatio: 1.5,
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

function searchText(run: SearchRun): string {
  const ended = run.completed ? 'complete' : run.violation === null ? `stopped by ${run.stoppedBy ?? '?'}` : `violation ${run.violation}`;
  return `${ended} in ${seconds(run.ms)} (${int(run.states)} states, depth ${run.depth})`;
}

function searchTarget(name: string, limitMs: number, run: SearchRun | null): Target {
  const required = `complete < ${seconds(limitMs)}`;
  if (run === null) return { name, required, measured: 'skipped (--quick)', status: 'n/a' };
  return { name, required, measured: searchText(run), status: passIf(run.completed && run.ms < limitMs) };
}

/** The speed-up on the TLC question, whose one-worker search is the long one; n/a when it is shorter than 30 s. */
function speedupTarget(one: SearchRun | null, all: SearchRun | null): Target {
  const name = 'explore speed-up on a long search (the TLC question)';
  const required = `>= ${fixed(TARGETS.speedup, 1)}x on 2 workers, search > ${seconds(TARGETS.longSearchMs)}`;
  if (one === null || all === null) return { name, required, measured: 'skipped (--quick)', status: 'n/a' };
  const speedup = all.statesPerSec / Math.max(one.statesPerSec, 1e-9);
  const measured = `${fixed(speedup, 2)}x (${int(one.statesPerSec)} -> ${int(all.statesPerSec)} states/s on ${all.workers} workers, one worker ${seconds(one.ms)})`;
  if (all.workers < 2 || one.ms < TARGETS.longSearchMs) return { name, required, measured, status: 'n/a' };
  return { name, required, measured, status: passIf(speedup >= TARGETS.speedup) };
}

/** The searches the bench runs without a depth cut (null under --quick). */
export interface LongSearches {
  readonly tlcOne: SearchRun;
  readonly tlcAll: SearchRun;
  readonly commit: SearchRun;
}

export function targets(random: RandomThroughput, exploring: ExploreThroughput, searches: LongSearches | null, bugs: readonly BugFind[] | null): Target[] {
  return [
    {
      name: `explore, one worker (anchor, depth ${exploring.maxDepth})`,
      required: `>= ${int(TARGETS.exploreStatesPerSec)} states/s`,
      measured: `${int(exploring.one.statesPerSec)} states/s`,
      status: passIf(exploring.one.statesPerSec >= TARGETS.exploreStatesPerSec),
    },
    searchTarget(`the TLC question, one worker (TLC: ${seconds(TLC_REFERENCE.ms)}, ${int(TLC_REFERENCE.states)} states)`, TARGETS.tlcQuestionMs, searches?.tlcOne ?? null),
    searchTarget(`the commit question, ${searches?.commit.workers ?? 2} workers`, TARGETS.commitQuestionMs, searches?.commit ?? null),
    {
      name: 'random checker, one core, every invariant',
      required: `>= ${int(TARGETS.randomStepsPerSec)} steps/s`,
      measured: `${int(random.stepsPerSec)} steps/s`,
      status: passIf(random.stepsPerSec >= TARGETS.randomStepsPerSec),
    },
    overBugs('every known bug, full breadth-first search', `shortest < ${seconds(TARGETS.bugExploreMs)}`, bugs, exploreStatus, ''),
    speedupTarget(searches?.tlcOne ?? null, searches?.tlcAll ?? null),
    overBugs('every bug found by random', `< ${seconds(TARGETS.bugRandomMs)} to find`, bugs, randomStatus, 'no check seed'),
    overBugs('random minimal length', `<= ${fixed(TARGETS.lengthRatio, 1)}x shortest`, bugs, ratioStatus, 'no check seed or no shortest'),
  ];
}
