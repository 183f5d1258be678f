/**
 * The leader's high watermark (rules 1-2): the minimum LEO over the maximal ISR. Advancing it exposes
 * records to consumers and completes delayed acks=all produces (KIP-497's completion check).
 *
 * Simplification: Kafka also holds the HW back for a follower outside the ISR that caught up within
 * replica.lag.time.max.ms (KAFKA-4485, filtered by eligibility since KAFKA-15021). The model takes that
 * time as elapsed: the rule only delays the HW by at most the lag time, and never lets it pass a record
 * some ISR member lacks, so no invariant depends on it; modelled with the model's untimed "caught up"
 * it would instead freeze the HW behind a follower that stopped fetching.
 */
import { expose } from './ghost.js';
import { effectiveMinIsr, maximalIsr } from './isr.js';
import { logEndOffset } from './log.js';
import { answerProduce } from './producer.js';
import { isOn, type DraftPartitionSite, type Rules } from './rules.js';
import type { BrokerId, Offset, Partition, Replica } from './types.js';

/** The HW the leader's replica states allow, or null when they allow none (an unknown member LEO). */
export function leaderHighWatermark(rules: Rules, partition: Pick<Partition, 'assignment'>, leader: Replica): Offset | null {
  const state = leader.leader;
  if (state === null) return null;
  // CHECK: consistent-read (KAFKA-15583, 3.7: no advance while the committed ISR is below the effective minimum)
  if (isOn(rules, 'KAFKA-15583') && (leader.view?.isr.length ?? 0) < effectiveMinIsr(rules, partition)) return null;
  const leo = logEndOffset(leader);
  // CHECK: acked-never-lost (without it the HW is the leader's own LEO, as if it were alone)
  if (!isOn(rules, 'check:hw-min-isr-leo')) return leo;
  let hw = leo;
  for (const member of maximalIsr(rules, leader)) {
    if (member === leader.broker) continue;
    const follower = state.followers[member];
    if (follower === undefined) return null;
    hw = Math.min(hw, follower.leo);
  }
  return hw;
}

/** Partition.maybeIncrementLeaderHW: called after appends, fetches, elections and ISR changes. */
export function maybeIncrementLeaderHw(at: DraftPartitionSite, leaderId: BrokerId): void {
  const leader = at.partition.replicas[leaderId];
  if (leader === undefined) return;
  const hw = leaderHighWatermark(at.rules, at.partition, leader);
  if (hw === null || hw <= leader.hw) return;
  leader.hw = hw;
  expose(at, leaderId, hw);
  completeDelayedProduces(at, leaderId);
}

/**
 * DelayedProduce.tryComplete: a waiting acks=all produce completes once the HW passes its record:
 * acknowledged if the maximal ISR still holds min.insync.replicas, else NOT_ENOUGH_REPLICAS_AFTER_APPEND
 * (the record stays in the log and may still be read).
 */
function completeDelayedProduces(at: DraftPartitionSite, leaderId: BrokerId): void {
  const leader = at.partition.replicas[leaderId];
  const state = leader?.leader;
  if (leader === undefined || state === null || state === undefined) return;
  const enough =
    maximalIsr(at.rules, leader).length >= effectiveMinIsr(at.rules, at.partition) ||
    // CHECK: acked-never-lost (without it a write completes whatever the ISR size)
    !isOn(at.rules, 'check:acks-all-completion');
  const waiting = state.delayedProduces.filter((produce) => {
    if (produce.offset >= leader.hw) return true;
    answerProduce(at, produce, enough ? { offset: produce.offset } : { error: 'NOT_ENOUGH_REPLICAS_AFTER_APPEND' });
    return false;
  });
  if (waiting.length !== state.delayedProduces.length) state.delayedProduces = waiting;
}
