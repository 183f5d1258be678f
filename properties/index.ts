/**
 * The property registry: every invariant and witness by name. A new invariant is one file plus its
 * line here; the CLI's --invariant flag, the checker and the tests find it through this registry.
 */
import { ackedNeverLost } from './acked-never-lost.js';
import { consistentOffsets } from './consistent-offsets.js';
import { consistentRead } from './consistent-read.js';
import { epochsMonotonic } from './epochs-monotonic.js';
import { flushedWithinLog } from './flushed-within-log.js';
import type { Config } from '../spec/config.js';
import type { Invariant, Witness } from './invariant.js';
import { brokenOnly } from './judgement.js';
import { isrWithinReplicas } from './isr-within-replicas.js';
import { leaderCompleteness } from './leader-completeness.js';
import { leaderInIsr } from './leader-in-isr.js';
import { leaderLeoAboveHw } from './leader-leo-above-hw.js';
import { logMatching } from './log-matching.js';
import { monotonicPoll } from './monotonic-poll.js';
import { noDuplicates } from './no-duplicates.js';
import { noSkip } from './no-skip.js';
import { noUnseen } from './no-unseen.js';
import { offsetsNeverRegress } from './offsets-never-regress.js';
import { oneLeaderPerEpoch } from './one-leader-per-epoch.js';
import { producerOrder } from './producer-order.js';
import { processedBeforeCommit } from './processed-before-commit.js';
import { strongIsr } from './strong-isr.js';
import { appendedWriteResent } from './witnesses/appended-write-resent.js';
import { duplicateAnswered } from './witnesses/duplicate-answered.js';
import { emptyLogReturned } from './witnesses/empty-log-returned.js';
import { leaderMoved } from './witnesses/leader-moved.js';
import { reassignedReplicaJoined } from './witnesses/reassigned-replica-joined.js';
import { isrShrinkAndReexpand } from './witnesses/isr-shrink-and-reexpand.js';
import { notEnoughReplicas } from './witnesses/not-enough-replicas.js';
import { staleFetchDropped } from './witnesses/stale-fetch-dropped.js';
import { truncationAfterLeaderChange } from './witnesses/truncation-after-leader-change.js';
import { uncleanElection } from './witnesses/unclean-election.js';

export const INVARIANTS: readonly Invariant[] = [
  ackedNeverLost,
  logMatching,
  leaderCompleteness,
  consistentRead,
  strongIsr,
  offsetsNeverRegress,
  noSkip,
  noUnseen,
  consistentOffsets,
  monotonicPoll,
  processedBeforeCommit,
  noDuplicates,
  producerOrder,
  oneLeaderPerEpoch,
  epochsMonotonic,
  isrWithinReplicas,
  leaderInIsr,
  leaderLeoAboveHw,
  flushedWithinLog,
];

export const WITNESSES: readonly Witness[] = [
  uncleanElection,
  truncationAfterLeaderChange,
  isrShrinkAndReexpand,
  notEnoughReplicas,
  staleFetchDropped,
  leaderMoved,
  emptyLogReturned,
  reassignedReplicaJoined,
  appendedWriteResent,
  duplicateAnswered,
];

export const INVARIANT_NAMES = INVARIANTS.map((invariant) => invariant.name);

/** The invariant with this name; throws naming the known ones otherwise. */
export function invariantNamed(name: string): Invariant {
  const found = INVARIANTS.find((invariant) => invariant.name === name);
  if (found === undefined) throw new Error(`unknown invariant "${name}" (known: ${INVARIANT_NAMES.join(', ')})`);
  return found;
}

/** The invariants `names` as a worker thread looks them up again: searches for broken promises only when `broken`. */
export function invariantsFor(config: Config, names: readonly string[], broken: boolean): Invariant[] {
  return names.map((name) => (broken ? brokenOnly(config, invariantNamed(name)) : invariantNamed(name)));
}

/** The first invariant among `invariants` that `state` violates, with its message. */
export function firstViolation(
  state: Parameters<Invariant['check']>[0],
  invariants: readonly Invariant[] = INVARIANTS,
): { invariant: Invariant; message: string } | null {
  for (const invariant of invariants) {
    const message = invariant.check(state);
    if (message !== null) return { invariant, message };
  }
  return null;
}

export type { Invariant, Witness };
export { judgeViolation } from './judgement.js';
