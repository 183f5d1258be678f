/**
 * Judging a violation record by record, from what happened in the run, never from the configuration
 * alone. Kafka promises that a committed record (below the leader's high watermark, so held by every
 * in-sync replica) is not lost as long as one in-sync replica remains alive (Kafka documentation,
 * Design > Replication; DESIGN.md section 3). So each record a durability invariant finds missing is
 *
 * - *expired*: retention deleted it after it was committed (allowed);
 * - *never committed*: acknowledged under acks=0 or acks=1 before any leader's HW passed it (allowed:
 *   the producer did not wait for replication);
 * - *lost to an unclean election*: after it was committed, a leader from outside the ISR (and ELR) was
 *   elected without it, through `unclean.leader.election.enable` where the era honours it, an
 *   operator's ElectLeaders of type UNCLEAN (KIP-460), or KIP-966's recovery of the last known leader
 *   (allowed);
 * - *kept by no in-sync replica*: after it was committed, a power loss (or a replaced disk, an unclean
 *   shutdown that lost everything, rule 32) took the last copy an ISR member held ("last replica standing"): allowed before KIP-966; under KIP-966 only once
 *   min.insync.replicas unclean shutdowns came since the ISR last held that many members (rule 22);
 * - otherwise a **broken promise**, whatever acks, min.insync.replicas or the unclean flag say.
 *
 * A violation is broken when any of its records is.
 */
import { DATA_PARTITION, type Config } from '../spec/config.js';
import { rulesOf } from '../spec/eras/index.js';
import type { EraName } from '../spec/eras/names.js';
import { effectiveMinIsr } from '../spec/isr.js';
import { holdsRecord } from '../spec/log.js';
import type { Acks, BrokerId, LossExcuse, LostCopyCause, Offset, Partition, PartitionName, Replica, State, UncleanCause } from '../spec/types.js';
import type { Invariant } from './invariant.js';
import { effectiveLeader, expiredWrite, holdsWrite } from './leader.js';

export interface Judgement {
  readonly judged: 'allowed' | 'broken';
  readonly reason: string;
  /** The record the verdict is about, and what took it: so a report can find their steps (`withSteps`). */
  readonly record?: { readonly partition: PartitionName; readonly id: number; readonly excuse?: LossExcuse };
  /** The producer's send (its place in `ProducerNetwork.sends`) that excuses it: a retry (`withSteps` finds its step). */
  readonly send?: number;
}

/**
 * What each era tolerates of unclean shutdowns (rule 22). Before KIP-966 one power loss of the last
 * in-sync replica holding a record may lose it ("last replica standing"); KIP-966 promises the record
 * while fewer than min.insync.replicas unclean shutdowns came since the ISR last held that many members.
 */
export const UNCLEAN_SHUTDOWN_TOLERANCE: Readonly<Record<EraName, 'last-replica-standing' | 'below-min-isr'>> = {
  'hw-truncation': 'last-replica-standing',
  'kip-101': 'last-replica-standing',
  'kip-279': 'last-replica-standing',
  'kip-320': 'last-replica-standing',
  kraft: 'last-replica-standing',
  'kip-966': 'below-min-isr',
};

/** A record a durability invariant finds missing from the partition's leader. */
export interface MissingRecord {
  readonly id: number;
  readonly offset: Offset | null;
  /** The acks its producer (or, on `__consumer_offsets`, the committing consumer) asked for. */
  readonly acks: Acks;
}

/** The replica that answers for the partition: its effective leader, else the one the controller elected. */
function holder(state: State, partition: Partition): Replica | null {
  const leader = partition.record.leader;
  return effectiveLeader(state, partition) ?? (leader === null ? null : (partition.replicas[leader] ?? null));
}

/**
 * The acknowledged or committed records of the partition its leader no longer holds (at the offset
 * the client learned, or anywhere for acks=0), leaving out those retention deleted.
 */
export function missingRecords(state: State, name: PartitionName): MissingRecord[] {
  const partition = state.partitions[name];
  if (partition === undefined) return [];
  const leader = holder(state, partition);
  if (leader === null) return [];
  const attempts = [...state.producer.attempts, ...(state.consumer?.commits ?? [])].filter((a) => a.partition === name);
  const missing: MissingRecord[] = [];
  const add = (id: number, offset: Offset | null): void => {
    if (missing.some((m) => m.id === id) || expiredWrite(partition, id)) return;
    missing.push({ id, offset, acks: attempts.find((a) => a.id === id)?.acks ?? 'all' });
  };
  for (const attempt of attempts) {
    if (attempt.status === 'acknowledged' && !holdsWrite(leader, attempt)) add(attempt.id, attempt.offset);
  }
  for (const record of partition.ghost.exposed) {
    if (!holdsRecord(leader, record)) add(record.id, record.offset);
  }
  return missing;
}

const b = (broker: BrokerId): string => `b${broker}`;

export type UncleanElection = Extract<LossExcuse, { cause: 'unclean-election' }>;
export type LostCopy = Exclude<LossExcuse, UncleanElection>;

/** How each kind of unclean election is named in a verdict. */
const UNCLEAN_CAUSES: Readonly<Record<UncleanCause, string>> = {
  flag: 'unclean.leader.election.enable',
  'last-known-leader': 'KIP-966 recovery of the last known leader',
  operator: "an operator's ElectLeaders, kafka-leader-election.sh --election-type unclean",
};

/** How each way of losing a replica's storage is named in a verdict. */
const LOST_COPY_CAUSES: Readonly<Record<LostCopyCause, string>> = {
  'power-loss': 'power loss',
  'disk-loss': 'replaced disk',
};

/** `b1's power loss took w0@0`: what took a replica's copy. */
function lostCopy(excuse: LostCopy, w: string): string {
  return `${b(excuse.broker)}'s ${LOST_COPY_CAUSES[excuse.cause]} took ${w}`;
}

export function uncleanElection(excuse: UncleanElection, w: string): Judgement {
  const via = UNCLEAN_CAUSES[excuse.via];
  return { judged: 'allowed', reason: `an unclean election of ${b(excuse.broker)} (leader epoch ${excuse.epoch}, ${via}) took ${w}, committed before it or by the leader it deposed` };
}

/**
 * A replica lost the record to a power loss or a replaced disk: allowed when no in-sync replica kept it (and, under
 * KIP-966, min.insync.replicas unclean shutdowns had come); broken when an ISR member still holds it,
 * for then the replica that `lacking` names (the partition's leader, or an ISR member) should have been
 * one that does.
 */
export function lastReplicaStanding(
  config: Config,
  partition: Partition,
  record: Pick<MissingRecord, 'id' | 'offset'>,
  w: string,
  excuse: LostCopy,
  lacking = 'the leader',
): Judgement {
  const taken = lostCopy(excuse, w);
  const keeper = partition.record.isr.find((member) => {
    const replica = partition.replicas[member];
    return replica !== undefined && holdsWrite(replica, record);
  });
  if (keeper !== undefined) return { judged: 'broken', reason: `${taken}, yet ${lacking} lacks it while ${b(keeper)}, in the ISR, still holds it` };
  const kept = `no in-sync replica kept it: ${taken}, and none of the ISR [${partition.record.isr.map(b).join(',')}] holds it`;
  if (UNCLEAN_SHUTDOWN_TOLERANCE[config.era] === 'last-replica-standing') return { judged: 'allowed', reason: `${kept} (before KIP-966 Kafka promises nothing against it)` };
  // The partition's current assignment (a reassignment may have changed it), as the controller reads it (rule 24).
  const min = effectiveMinIsr(rulesOf(config), partition);
  const count = `${excuse.uncleanShutdowns} unclean shutdown${excuse.uncleanShutdowns === 1 ? '' : 's'} since the ISR last held min.insync.replicas=${min} members`;
  return excuse.uncleanShutdowns >= min
    ? { judged: 'allowed', reason: `${kept}, after ${count} (KIP-966)` }
    : { judged: 'broken', reason: `${kept}, but after only ${count}: KIP-966 promises it` };
}

/** One missing record, judged by what the run did to it. */
function judgeRecord(config: Config, state: State, name: PartitionName, record: MissingRecord): Judgement {
  const partition = state.partitions[name];
  const w = `w${record.id}${record.offset === null ? '' : `@${record.offset}`}`;
  if (partition === undefined) throw new Error(`no partition ${name}`);
  if (!partition.ghost.exposed.some((r) => r.id === record.id)) {
    return record.acks === 'all'
      ? { judged: 'broken', reason: `${w} was acknowledged under acks=all but never committed` }
      : { judged: 'allowed', reason: `${w} was never committed: acknowledged under acks=${record.acks} before any leader's HW passed it` };
  }
  const excuses = partition.ghost.excuses.filter((e) => e.id === record.id);
  const unclean = excuses.find((e): e is UncleanElection => e.cause === 'unclean-election');
  const about = (excuse?: LossExcuse) => ({ partition: name, id: record.id, ...(excuse === undefined ? {} : { excuse }) });
  if (unclean !== undefined) return { ...uncleanElection(unclean, w), record: about(unclean) };
  // The latest power or disk loss that took it: the one that left the fewest copies.
  const lost = excuses.filter((e): e is LostCopy => e.cause !== 'unclean-election').at(-1);
  if (lost !== undefined) return { ...lastReplicaStanding(config, partition, record, w, lost), record: about(lost) };
  return { judged: 'broken', reason: `${w} was committed, and lost with no unclean election and no power loss taking it from every in-sync replica`, record: about() };
}

/** A violation of `invariant` in `state`, judged record by record. */
export function judgeViolation(config: Config, invariant: Invariant, state: State): Judgement {
  if (invariant.promised === 'always') return { judged: 'broken', reason: 'Kafka promises it in every configuration' };
  if (invariant.judge !== undefined) return invariant.judge(config, state);
  const byDesign = invariant.byDesign?.(state) ?? null;
  if (byDesign !== null) return { judged: 'allowed', reason: byDesign };
  const name = invariant.partition ?? DATA_PARTITION;
  const missing = missingRecords(state, name);
  if (missing.length === 0) return { judged: 'broken', reason: `no acknowledged or committed record is missing, yet ${invariant.name} is violated` };
  const verdicts = missing.map((record) => judgeRecord(config, state, name, record));
  const prefix = name === DATA_PARTITION ? '' : `${name}: `;
  const broken = verdicts.find((v) => v.judged === 'broken');
  if (broken !== undefined) return { ...broken, reason: `${prefix}${broken.reason}` };
  return { ...verdicts[0], judged: 'allowed', reason: `${prefix}${[...new Set(verdicts.map((v) => v.reason))].join('; ')}` };
}

/**
 * The judgement with the steps of its story named: when the record was committed, and the step of the
 * unclean election or power loss that took it (`history`: the state after each step of the run).
 */
export function withSteps(judgement: Judgement, history: readonly State[]): Judgement {
  const { send } = judgement;
  if (send !== undefined) {
    const step = history.findIndex((state) => (state.producer.network?.sends.length ?? 0) > send);
    return step < 0 ? judgement : { ...judgement, reason: `${judgement.reason} (the retry at step ${step})` };
  }
  const about = judgement.record;
  if (about === undefined) return judgement;
  const ghost = (state: State) => state.partitions[about.partition]?.ghost;
  const committed = history.findIndex((state) => ghost(state)?.exposed.some((r) => r.id === about.id) === true);
  const excuse = about.excuse;
  // The election itself (the excuse may be noted later, when a deposed leader commits), or the power loss.
  const took =
    excuse === undefined
      ? -1
      : excuse.cause === 'unclean-election'
        ? history.findIndex((state) => state.partitions[about.partition]?.record.leaderEpoch === excuse.epoch)
        : history.findIndex((state) => ghost(state)?.excuses.some((e) => e.id === excuse.id && e.cause === excuse.cause && e.broker === excuse.broker) === true);
  const named = [
    committed >= 0 ? `w${about.id} committed at step ${committed}` : null,
    took >= 0 ? `the ${excuse === undefined || excuse.cause === 'unclean-election' ? 'unclean election' : LOST_COPY_CAUSES[excuse.cause]} at step ${took}` : null,
  ].filter((part): part is string => part !== null);
  return named.length === 0 ? judgement : { ...judgement, reason: `${judgement.reason} (${named.join('; ')})` };
}

/**
 * The invariant as a search for broken promises: violated only where its violation is judged broken,
 * so a search passes over the losses the run excuses and keeps looking (a cell is broken when any run
 * breaks the promise). The name stays the invariant's: a saved trace records that invariant, at the
 * step where its violation is broken.
 */
export function brokenOnly(config: Config, invariant: Invariant): Invariant {
  if (invariant.promised === 'always') return invariant;
  return {
    ...invariant,
    brokenOnly: true,
    check(state) {
      const message = invariant.check(state);
      return message === null || judgeViolation(config, invariant, state).judged !== 'broken' ? null : message;
    },
  };
}
