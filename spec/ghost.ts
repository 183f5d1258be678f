/**
 * Ghost bookkeeping: what the properties need to know about the history. Effects write it; no
 * protocol guard reads it. Each piece lives with what it describes: a produce attempt with its client,
 * exposed records and witness events with their partition.
 */
import { castDraft, type Draft } from 'immer';
import { holdsRecord } from './log.js';
import type { DraftPartitionSite, DraftSite } from './rules.js';
import type { BrokerId, Client, CommitAttempt, LogRecord, LossExcuse, LostCopyCause, Offset, OffsetCommitValue, ProduceAttempt, ProduceError, UncleanCause, WitnessEvents } from './types.js';

/** The produce attempts of a client: the producer's writes, or the consumer's commits. */
function attemptsOf(at: DraftSite, client: Client): Draft<ProduceAttempt[] | CommitAttempt[]> {
  if (client === 'producer') return at.state.producer.attempts;
  const consumer = at.state.consumer;
  if (consumer === null) throw new Error('no consumer is modelled');
  return consumer.commits;
}

function settle(at: DraftSite, client: Client, id: number, outcome: (attempt: ProduceAttempt) => ProduceAttempt): void {
  const attempts = attemptsOf(at, client);
  const attempt = attempts[id];
  if (attempt === undefined) throw new Error(`no produce attempt ${id} from the ${client}`);
  const settled = outcome(attempt);
  // A commit keeps the position it commits.
  attempts[id] = ('position' in attempt ? { ...settled, position: attempt.position } : settled) as Draft<CommitAttempt>;
}

export function acknowledge(at: DraftSite, client: Client, id: number, offset: Offset | null): void {
  settle(at, client, id, ({ acks, broker, partition }) => ({ id, acks, broker, partition, status: 'acknowledged', offset }));
}

export function fail(at: DraftSite, client: Client, id: number, error: ProduceError): void {
  settle(at, client, id, ({ acks, broker, partition }) => ({ id, acks, broker, partition, status: 'failed', error }));
}

/**
 * Records a new produce attempt of `client` to `broker`, pending; returns its id. An offset commit
 * (`commit` given) is the consumer's, carrying the position it commits.
 */
export function recordAttempt(at: DraftPartitionSite, broker: BrokerId, acks: ProduceAttempt['acks'], commit?: OffsetCommitValue): number {
  const attempt = { acks, broker, partition: at.name, status: 'pending' } as const;
  if (commit === undefined) {
    const attempts = at.state.producer.attempts;
    attempts.push({ id: attempts.length, ...attempt });
    return attempts.length - 1;
  }
  const commits = attemptsOf(at, 'consumer') as Draft<CommitAttempt[]>;
  commits.push({ id: commits.length, ...attempt, position: commit.offset });
  return commits.length - 1;
}

export function witness(at: DraftPartitionSite, event: keyof WitnessEvents): void {
  if (!at.partition.ghost.events[event]) at.partition.ghost.events[event] = true;
}

/**
 * Records what a leader exposes to consumers once its HW is `hw`: every record below it, once. A leader
 * that an unclean election has already deposed (a zombie of an older epoch, ISR itself alone) can still
 * commit: the unclean election, not the protocol, takes what it commits then.
 */
export function expose(at: DraftPartitionSite, leader: BrokerId, hw: Offset): void {
  const { ghost, record: current, replicas } = at.partition;
  const replica = replicas[leader];
  const deposedBy = ghost.uncleanLeader !== null && current.leader !== leader && (replica?.view?.leaderEpoch ?? 0) < current.leaderEpoch ? current.leader : null;
  for (const record of replica?.log ?? []) {
    if (record.offset >= hw) break;
    if (ghost.exposed.some((seen) => seen.id === record.id && seen.offset === record.offset)) continue;
    ghost.exposed.push({ ...record });
    if (deposedBy !== null && ghost.uncleanLeader !== null) {
      excuse(at, { id: record.id, cause: 'unclean-election', broker: deposedBy, epoch: current.leaderEpoch, via: ghost.uncleanLeader });
    }
  }
}

/**
 * An unclean election forfeits the exposed records its new leader lacks (leader-completeness), and
 * excuses their loss: Kafka promises nothing past a leader from outside the ISR.
 */
export function forfeitMissing(at: DraftPartitionSite, leader: BrokerId, via: UncleanCause): void {
  const replica = at.partition.replicas[leader];
  const ghost = at.partition.ghost;
  for (const record of ghost.exposed) {
    if (replica !== undefined && holdsRecord(replica, record)) continue;
    if (!ghost.forfeited.includes(record.id)) ghost.forfeited.push(record.id);
    excuse(at, { id: record.id, cause: 'unclean-election', broker: leader, epoch: at.partition.record.leaderEpoch, via });
  }
}

/**
 * After `broker`'s power loss (or disk loss): the records it held in `before` and holds no more, with
 * the unclean shutdowns counted so far. Committed or not yet: a leader may count a follower that
 * already lost a record (its last fetch said it had it) and commit it after the loss.
 */
export function noteLostCopies(at: DraftPartitionSite, broker: BrokerId, before: readonly Pick<LogRecord, 'offset' | 'id'>[], cause: LostCopyCause): void {
  const replica = at.partition.replicas[broker];
  for (const record of before) {
    if (replica === undefined || !holdsRecord(replica, record)) {
      excuse(at, { id: record.id, cause, broker, uncleanShutdowns: at.partition.ghost.uncleanShutdowns });
    }
  }
}

/** Notes what took a record, once per record, cause and replica. */
function excuse(at: DraftPartitionSite, entry: LossExcuse): void {
  const excuses = at.partition.ghost.excuses;
  const known = excuses.some((e) => e.id === entry.id && e.cause === entry.cause && (e.cause === 'unclean-election' || e.broker === entry.broker));
  if (!known) excuses.push(castDraft(entry));
}

/** Notes an ISR change for the shrink and shrink-then-re-expand witnesses. */
export function recordIsrChange(at: DraftPartitionSite, before: readonly BrokerId[], after: readonly BrokerId[]): void {
  const shrunk = at.partition.ghost.shrunk;
  for (const removed of before.filter((member) => !after.includes(member))) {
    witness(at, 'isrShrink');
    if (!shrunk.includes(removed)) shrunk.push(removed);
  }
  if (after.some((member) => !before.includes(member) && shrunk.includes(member))) witness(at, 'isrReexpand');
  if (after.some((member) => !before.includes(member) && at.partition.reassignment?.adding.includes(member) === true)) witness(at, 'reassignedReplicaJoined');
}
