/**
 * producerSend: a producer sends one record to the broker its (possibly stale) metadata names as leader.
 *
 * acks=0 is acknowledged as soon as it is sent, whoever receives it: if that broker does not lead, no
 * leader ever appends it. acks=1 is acknowledged once the leader appended it. acks=all is refused with
 * NOT_ENOUGH_REPLICAS while the committed ISR is below min.insync.replicas; otherwise appended and held
 * until the HW passes it (rules 3-4). A broker whose metadata is stale still believes it leads and
 * accepts writes. Retries are new attempts, so every attempt is one step.
 */
import { acknowledge, fail, recordAttempt, witness } from '../ghost.js';
import { maybeFlush } from '../flush.js';
import { maybeIncrementLeaderHw } from '../high-watermark.js';
import { believesLeader, effectiveMinIsr } from '../isr.js';
import { appendRecords, logEndOffset } from '../log.js';
import { isOn, type DraftPartitionSite, type PartitionSite } from '../rules.js';
import type { Acks, BrokerId, Offset, OffsetCommitValue } from '../types.js';
import { b, runningReplica, type PartitionActionSpec } from './action.js';

export interface ProducerSend {
  readonly kind: 'producerSend';
  readonly broker: BrokerId;
  readonly acks: Acks;
}

/** Partition.appendRecordsToLeader: the record takes the leader's LEO and current leader epoch. */
function appendAsLeader(at: DraftPartitionSite, leaderId: BrokerId, id: number, commit: OffsetCommitValue | undefined): Offset {
  const leader = at.partition.replicas[leaderId];
  if (leader === undefined || leader.view === null) throw new Error(`${b(leaderId)} cannot append`);
  const offset = logEndOffset(leader);
  appendRecords(leader, [commit === undefined ? { offset, epoch: leader.view.leaderEpoch, id } : { offset, epoch: leader.view.leaderEpoch, id, commit }]);
  maybeFlush(at.rules.config, leader);
  return offset;
}

/**
 * A produce request as the broker handles it (ReplicaManager.appendRecords), for the producer's writes
 * and the group coordinator's commits alike: the attempt is recorded, then acknowledged, refused or
 * held in purgatory by its acks mode. `commit` is an offset-commit record's value (the consumer's
 * request). Returns the attempt id.
 */
export function produceTo(at: DraftPartitionSite, broker: BrokerId, acks: Acks, commit?: OffsetCommitValue): number {
  const from = commit === undefined ? 'producer' : 'consumer';
  const id = recordAttempt(at, broker, acks, commit);
  if (acks === 0) {
    acknowledge(at, from, id, null);
    if (believesLeader(at, broker)) appendAsLeader(at, broker, id, commit);
    maybeIncrementLeaderHw(at, broker);
    return id;
  }
  const leader = at.partition.replicas[broker];
  const committedIsr = leader?.view?.isr.length ?? 0;
  // CHECK: acked-never-lost (admission: acks=all needs min.insync.replicas in the committed ISR)
  if (acks === 'all' && isOn(at.rules, 'check:acks-all-admission') && committedIsr < effectiveMinIsr(at.rules, at.partition)) {
    fail(at, from, id, 'NOT_ENOUGH_REPLICAS');
    witness(at, 'notEnoughReplicas');
    return id;
  }
  const offset = appendAsLeader(at, broker, id, commit);
  if (acks === 1) acknowledge(at, from, id, offset);
  else leader?.leader?.delayedProduces.push({ id, offset, from });
  maybeIncrementLeaderHw(at, broker);
  return id;
}

/** Why `broker` cannot serve a client's request as the partition's leader now (down, or not leading), or null. */
export function servingRefusal(at: PartitionSite, broker: BrokerId): string | null {
  const down = runningReplica(at, broker);
  if (down !== null) return down;
  return believesLeader(at, broker) ? null : `${b(broker)} does not believe it leads (NOT_LEADER_OR_FOLLOWER)`;
}

export const producerSend: PartitionActionSpec<ProducerSend> = {
  kind: 'producerSend',
  scope: 'partition',
  doc: {
    who: 'producer',
    what: 'sends one record with the given acks to a broker it believes leads; acks=0 may be lost in flight',
    source: 'KIP-497 (admission and completion checks), KIP-679, Kafka docs: acks, min.insync.replicas',
  },
  params: {
    broker: { type: 'broker', doc: 'the broker the producer sends to' },
    acks: { type: 'acks', doc: 'the producer acks mode: 0, 1 or "all"' },
  },
  candidates: (at) => (at.partition.internal ? [] : at.partition.assignment.map((broker) => ({ kind: 'producerSend', broker, acks: at.rules.config.acks }))),
  budget: 'records',
  refusal(at, { broker, acks }) {
    // Kafka refuses client writes to an internal topic (INVALID_TOPIC_EXCEPTION).
    if (at.partition.internal) return `producers write the data partition; commits reach ${at.name} through consumerCommit`;
    if (acks === 0) return at.partition.replicas[broker] === undefined ? `${b(broker)} hosts no replica` : null;
    return servingRefusal(at, broker);
  },
  apply(at, { broker, acks }) {
    at.state.budget.records += 1;
    produceTo(at, broker, acks);
  },
};
