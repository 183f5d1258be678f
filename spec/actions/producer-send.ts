/**
 * producerSend: a producer sends one record to the broker its (possibly stale) metadata names as leader.
 *
 * acks=0 is acknowledged as soon as it is sent, whoever receives it: if that broker does not lead, no
 * leader ever appends it. acks=1 is acknowledged once the leader appended it. acks=all is refused with
 * NOT_ENOUGH_REPLICAS while the committed ISR is below min.insync.replicas; otherwise appended and held
 * until the HW passes it (rules 3-4). A broker whose metadata is stale still believes it leads and
 * accepts writes. Without a retries budget (the default) a produce is one step: see spec/producer.ts for
 * why that hides nothing, and producerSendRequest for produces over the network.
 */
import { acknowledge, recordAttempt, witness } from '../ghost.js';
import { maybeFlush } from '../flush.js';
import { maybeIncrementLeaderHw } from '../high-watermark.js';
import { believesLeader, effectiveMinIsr } from '../isr.js';
import { appendRecords, logEndOffset } from '../log.js';
import { answerProduce, internalRefusal, producesOverNetwork } from '../producer.js';
import { isOn, type DraftPartitionSite, type PartitionSite } from '../rules.js';
import { checkSequence } from '../idempotence.js';
import type { Acks, BrokerId, DelayedProduce, LogRecord, Offset, OffsetCommitValue, ProduceAnswer } from '../types.js';
import { place } from '../footprint.js';
import { b, runningReplica, type PartitionActionSpec } from './action.js';

export interface ProducerSend {
  readonly kind: 'producerSend';
  readonly broker: BrokerId;
  readonly acks: Acks;
}

/** Partition.appendRecordsToLeader: the record takes the leader's LEO and current leader epoch. */
function appendAsLeader(at: DraftPartitionSite, leaderId: BrokerId, id: number, extra: Pick<LogRecord, 'commit' | 'producer' | 'sequence'>): Offset {
  const leader = at.partition.replicas[leaderId];
  if (leader === undefined || leader.view === null) throw new Error(`${b(leaderId)} cannot append`);
  const offset = logEndOffset(leader);
  appendRecords(leader, [{ offset, epoch: leader.view.leaderEpoch, id, ...extra }]);
  maybeFlush(at.rules.config, leader);
  return offset;
}

/**
 * ReplicaManager.appendRecords for one batch at the leader `broker`, for the producer's writes and the
 * group coordinator's commits alike: refused (NOT_ENOUGH_REPLICAS while the committed ISR is below
 * min.insync.replicas under acks=all), or appended and answered by its acks mode: at once under acks=1,
 * once the HW passes it under acks=all (purgatory), never under acks=0. Returns the answer due now, or
 * null. `produce` names the write, its client and, over the network, the producer's send; `extra` is an
 * offset commit's value or an idempotent producer's id and sequence number, which the leader checks first
 * (spec/idempotence.ts): a duplicate is answered with its original offset.
 */
export function appendBatch(at: DraftPartitionSite, broker: BrokerId, acks: Acks, produce: Omit<DelayedProduce, 'offset'>, extra: Pick<LogRecord, 'commit' | 'producer' | 'sequence'> = {}): ProduceAnswer | null {
  if (acks === 0) {
    if (believesLeader(at, broker)) appendAsLeader(at, broker, produce.id, extra);
    maybeIncrementLeaderHw(at, broker);
    return null;
  }
  const leader = at.partition.replicas[broker];
  const committedIsr = leader?.view?.isr.length ?? 0;
  // CHECK: acked-never-lost (admission: acks=all needs min.insync.replicas in the committed ISR)
  if (acks === 'all' && isOn(at.rules, 'check:acks-all-admission') && committedIsr < effectiveMinIsr(at.rules, at.partition)) {
    witness(at, 'notEnoughReplicas');
    return { error: 'NOT_ENOUGH_REPLICAS' };
  }
  const { producer, sequence } = extra;
  const verdict = producer === undefined || sequence === undefined || leader === undefined ? ({ append: true } as const) : checkSequence(at.rules, leader, { producer, sequence });
  if ('error' in verdict) return verdict;
  if ('duplicateOf' in verdict) witness(at, 'duplicateAnswered');
  const offset = 'duplicateOf' in verdict ? verdict.duplicateOf : appendAsLeader(at, broker, produce.id, extra);
  if (acks === 'all') leader?.leader?.delayedProduces.push({ ...produce, offset });
  maybeIncrementLeaderHw(at, broker);
  return acks === 1 ? { offset } : null;
}

/**
 * An atomic produce: the attempt is recorded, reaches `broker` and is answered in one step (acks=0 is
 * acknowledged as it is sent). `commit` is an offset-commit record's value (the consumer's request).
 * Returns the attempt id.
 */
export function produceTo(at: DraftPartitionSite, broker: BrokerId, acks: Acks, commit?: OffsetCommitValue): number {
  const from = commit === undefined ? 'producer' : 'consumer';
  const id = recordAttempt(at, broker, acks, commit);
  if (acks === 0) acknowledge(at, from, id, null);
  const answer = appendBatch(at, broker, acks, { id, from }, commit === undefined ? {} : { commit });
  if (answer !== null) answerProduce(at, { id, from }, answer);
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
  modelled: (config) => !producesOverNetwork(config),
  doc: {
    who: 'producer',
    what: 'sends one record with the given acks to a broker it believes leads; acks=0 may be lost in flight',
    source: 'KIP-497 (admission and completion checks), KIP-679, Kafka docs: acks, min.insync.replicas',
  },
  params: {
    broker: { type: 'broker', doc: 'the broker the producer sends to' },
    acks: { type: 'acks', doc: 'the producer acks mode: 0, 1 or "all"' },
  },
  candidates: (at) => (at.partition.internal || producesOverNetwork(at.rules.config) ? [] : at.partition.assignment.map((broker) => ({ kind: 'producerSend', broker, acks: at.rules.config.acks }))),
  budget: 'records',
  refusal(at, { broker, acks }) {
    const internal = internalRefusal(at);
    if (internal !== null) return internal;
    if (producesOverNetwork(at.rules.config)) return 'with a retries budget produce requests travel the network: producerSendRequest';
    if (acks === 0) return at.partition.replicas[broker] === undefined ? `${b(broker)} hosts no replica` : null;
    return servingRefusal(at, broker);
  },
  footprint: (at, { broker }) => ({
    reads: [place.broker(broker), place.metadata(at.name)],
    writes: [place.replica(at.name, broker), place.clients, place.budget('records'), place.history(at.name)],
  }),
  apply(at, { broker, acks }) {
    at.state.budget.records += 1;
    produceTo(at, broker, acks);
  },
};
