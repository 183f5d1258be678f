/**
 * producerSend: a producer sends one record to the broker its (possibly stale) metadata names as leader.
 *
 * acks=0 is acknowledged as soon as it is sent, whoever receives it: if that broker does not lead, no
 * leader ever appends it. acks=1 is acknowledged once the leader appended it. acks=all is refused with
 * NOT_ENOUGH_REPLICAS while the committed ISR is below min.insync.replicas; otherwise appended and held
 * until the HW passes it (rules 3-4). A broker whose metadata is stale still believes it leads and
 * accepts writes. Retries are new attempts, so every attempt is one step.
 */
import type { Draft } from 'immer';
import { acknowledge, fail, witness } from '../ghost.js';
import { maybeFlush } from '../flush.js';
import { maybeIncrementLeaderHw } from '../high-watermark.js';
import { believesLeader, effectiveMinIsr } from '../isr.js';
import { appendRecords, logEndOffset } from '../log.js';
import { isOn } from '../switches.js';
import type { Acks, BrokerId, Offset, PartitionState } from '../types.js';
import { b, budgetLeft, replicaIds, runningReplica, type ActionSpec } from './action.js';

export interface ProducerSend {
  readonly kind: 'producerSend';
  readonly broker: BrokerId;
  readonly acks: Acks;
}

/** Partition.appendRecordsToLeader: the record takes the leader's LEO and current leader epoch. */
function appendAsLeader(draft: Draft<PartitionState>, leaderId: BrokerId, id: number, commit: Offset | undefined): Offset {
  const leader = draft.brokers[leaderId];
  if (leader === undefined || leader.view === null) throw new Error(`${b(leaderId)} cannot append`);
  const offset = logEndOffset(leader);
  appendRecords(leader, [commit === undefined ? { offset, epoch: leader.view.leaderEpoch, id } : { offset, epoch: leader.view.leaderEpoch, id, commit }]);
  maybeFlush(draft.config, leader);
  return offset;
}

/**
 * A produce request as the broker handles it (ReplicaManager.appendRecords), for the producer's writes
 * and the group coordinator's commits alike: the attempt is recorded, then acknowledged, refused or
 * held in purgatory by its acks mode. `commit` is an offset-commit record's value. Returns the attempt id.
 */
export function produceTo(draft: Draft<PartitionState>, broker: BrokerId, acks: Acks, commit?: Offset): number {
  const id = draft.ghost.attempts.length;
  draft.ghost.attempts.push({ id, acks, broker, status: 'pending' });
  if (acks === 0) {
    acknowledge(draft, id, null);
    if (believesLeader(draft, broker)) appendAsLeader(draft, broker, id, commit);
    maybeIncrementLeaderHw(draft, broker);
    return id;
  }
  const leader = draft.brokers[broker];
  const committedIsr = leader?.view?.isr.length ?? 0;
  // CHECK: acked-never-lost (admission: acks=all needs min.insync.replicas in the committed ISR)
  if (acks === 'all' && isOn(draft.config, 'check:acks-all-admission') && committedIsr < effectiveMinIsr(draft.config)) {
    fail(draft, id, 'NOT_ENOUGH_REPLICAS');
    witness(draft, 'notEnoughReplicas');
    return id;
  }
  const offset = appendAsLeader(draft, broker, id, commit);
  if (acks === 1) acknowledge(draft, id, offset);
  else leader?.leader?.delayedProduces.push({ id, offset });
  maybeIncrementLeaderHw(draft, broker);
  return id;
}

/** Why `broker` cannot serve a client's request as the partition's leader now (down, or not leading), or null. */
export function servingRefusal(state: PartitionState, broker: BrokerId): string | null {
  const down = runningReplica(state, broker);
  if (down !== null) return down;
  return believesLeader(state, broker) ? null : `${b(broker)} does not believe it leads (NOT_LEADER_OR_FOLLOWER)`;
}

export const producerSend: ActionSpec<ProducerSend> = {
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
  candidates: (state) => replicaIds(state).map((broker) => ({ kind: 'producerSend', broker, acks: state.config.acks })),
  refusal(state, { broker, acks }) {
    const budget = budgetLeft(state, 'records');
    if (budget !== null) return budget;
    if (acks === 0) return broker < state.config.replicationFactor ? null : `${b(broker)} hosts no replica`;
    return servingRefusal(state, broker);
  },
  apply(draft, { broker, acks }) {
    draft.budget.records += 1;
    produceTo(draft, broker, acks);
  },
};
