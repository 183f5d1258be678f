/**
 * The consumer's side: what its group coordinator holds, what it has had acknowledged, and how its
 * position jumps when it resumes or resets. Jumps record, as ghost state, what offsets-never-regress
 * and no-skip judge. The consumer reads the data partition and commits to its group's partition of
 * `__consumer_offsets`.
 */
import { castDraft, type Draft } from 'immer';
import { DATA_PARTITION } from './config.js';
import { isOn, type Rules } from './rules.js';
import type { AutoOffsetReset, Consumer, LeaderEpoch, LogRecord, Offset, Partition, PositionEpochs, PositionJump, Replica, State } from './types.js';

/** The newest offset-commit record in a coordinator's log: the coordinator loads its whole log (GroupMetadataManager). */
export function latestCommit(coordinator: Replica): LogRecord | undefined {
  return coordinator.log.findLast((record) => record.commit !== undefined);
}

/** The highest position whose commit the coordinator acknowledged to the consumer, or null. Ghost. */
export function highestAcknowledgedCommit(state: Pick<State, 'consumer'>): Offset | null {
  let highest: Offset | null = null;
  for (const commit of state.consumer?.commits ?? []) {
    if (commit.status === 'acknowledged') highest = Math.max(highest ?? commit.position, commit.position);
  }
  return highest;
}

/** Where retention has deleted up to: the highest log start offset of any replica (deletion stays below the HW). */
export function expiredBelow(partition: Pick<Partition, 'assignment' | 'replicas'>): Offset {
  let highest = 0;
  for (const id of partition.assignment) highest = Math.max(highest, partition.replicas[id]?.logStartOffset ?? 0);
  return highest;
}

/**
 * The records the jump from `from` (null: from the beginning) to `to` passes that the consumer never
 * processed: every record some leader of the data partition exposed below its HW in that range, marked
 * expired when retention had deleted it.
 */
function skippedRecords(state: State, consumer: Consumer, from: Offset | null, to: Offset): PositionJump['skipped'] {
  const data = state.partitions[DATA_PARTITION];
  if (data === undefined) return [];
  const seen = new Set(consumer.seen.map((record) => record.id));
  const expired = expiredBelow(data);
  return data.ghost.exposed
    .filter((record) => record.offset >= (from ?? 0) && record.offset < to && !seen.has(record.id))
    .map((record) => ({ offset: record.offset, id: record.id, expired: record.offset < expired }));
}

/**
 * Moves the consumer to `to` without reading, recording the jump. A resume takes the commit's epoch
 * (to be validated) or none; a reset leaves a position with no epoch (the epoch ListOffsets returns is
 * not modelled); a truncation notice gives the epoch the leader answered. A position awaiting validation
 * has skipped nothing yet: its validation decides whether it stands (no-unseen judges the reads after).
 */
export function jumpTo(draft: Draft<State>, to: Offset, cause: PositionJump['cause'], epochs: PositionEpochs | null = null): void {
  const consumer = draft.consumer;
  if (consumer === null) return;
  const from = typeof consumer.position === 'number' ? consumer.position : null;
  // A resume (or a reset instead of one) is where offsets-never-regress looks for a lost commit.
  const acknowledged = from === null ? highestAcknowledgedCommit(draft) : null;
  const skipped = epochs?.leaderEpoch === null ? [] : skippedRecords(draft as State, consumer as Consumer, from, to);
  consumer.jumps.push(castDraft({ from, to, cause, seen: consumer.seen.length, acknowledged, skipped }));
  consumer.position = to;
  consumer.epochs = epochs;
}

/**
 * The epochs a position carries, where the consumer validates positions (KAFKA-7747, 2.3): the epoch of
 * the last record consumed, and the leader epoch it was read at or validated against (null: not yet,
 * as after a resume). Before 2.3, none: nothing would read them.
 */
export function positionEpochs(rules: Rules, offsetEpoch: LeaderEpoch, leaderEpoch: LeaderEpoch | null): PositionEpochs | null {
  return isOn(rules, 'KAFKA-7747') ? { offsetEpoch, leaderEpoch } : null;
}

/**
 * Whether the consumer must validate its position before fetching from `leader`
 * (SubscriptionState.maybeValidatePositionForCurrentLeader): its position has epochs (positionEpochs),
 * and the leader's epoch is not the one it last fetched at. A position with none is not validated.
 */
export function awaitsValidation(consumer: Consumer, leader: Replica): boolean {
  if (consumer.epochs === null || typeof consumer.position !== 'number') return false;
  return leader.view !== null && leader.view.leaderEpoch !== consumer.epochs.leaderEpoch;
}

/**
 * Position validation against `leader` (OffsetsForLeaderEpoch for the position's epoch; the Java
 * consumer never uses a fetch response's diverging epoch): an answer below the position is a truncation,
 * and the consumer moves back to it (a truncation notice) unless auto.offset.reset=none, where it stops
 * with LogTruncationException; an UNDEFINED answer is out of range, so auto.offset.reset applies.
 * Returns whether the position stands, validated at the leader's epoch.
 */
export function validatePosition(draft: Draft<State>, rules: Rules, leader: Replica): boolean {
  const consumer = draft.consumer;
  if (consumer?.epochs == null || typeof consumer.position !== 'number' || leader.view === null) return true;
  const leaderEpoch = leader.view.leaderEpoch;
  const answer = rules.era.epochEndAnswer(rules, leader, consumer.epochs.offsetEpoch);
  if (answer.epoch === null || answer.endOffset < 0) {
    resetPosition(draft, rules.config.autoOffsetReset, leader);
    return false;
  }
  if (answer.endOffset >= consumer.position) {
    consumer.epochs = { offsetEpoch: consumer.epochs.offsetEpoch, leaderEpoch };
    return true;
  }
  if (rules.config.autoOffsetReset === 'none') consumer.position = 'failed';
  else jumpTo(draft, answer.endOffset, 'truncation', { offsetEpoch: answer.epoch, leaderEpoch });
  return false;
}

/**
 * `auto.offset.reset` for a consumer with no valid position, through ListOffsets to `leader`: earliest
 * is the log start offset, latest the HW (what a read_uncommitted consumer may read up to), and none
 * stops the consumer with NoOffsetForPartition or OffsetOutOfRange.
 */
export function resetPosition(draft: Draft<State>, policy: AutoOffsetReset, leader: Replica): void {
  const consumer = draft.consumer;
  if (consumer === null) return;
  if (policy === 'none') {
    consumer.position = 'failed';
    consumer.epochs = null;
    return;
  }
  jumpTo(draft, policy === 'earliest' ? leader.logStartOffset : leader.hw, policy === 'earliest' ? 'reset-earliest' : 'reset-latest');
}
