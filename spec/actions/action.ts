/**
 * The shape of one action: who acts, what Kafka does, its guard (why it is not enabled, or null when
 * it is) and its effect (an immer recipe that only mutates the draft).
 */
import { hostsAny } from '../cluster.js';
import { OFFSETS_PARTITION, type Config } from '../config.js';
import type { DraftPartitionSite, DraftSite, PartitionSite, Site } from '../rules.js';
import type { Footprint } from '../footprint.js';
import type { Acks, BrokerId, BudgetUse, RecoveryField } from '../types.js';

/** The type of each action parameter, so traces can be validated and documented from the registry. */
export type ParamType = 'broker' | 'acks' | 'write' | 'producer';

/** How each parameter type reads in a step's line and the README's table. */
export const PARAM_TYPES: Readonly<Record<ParamType, { readonly doc: string; readonly show: (value: unknown) => string }>> = {
  broker: { doc: 'broker id', show: (value) => `b${String(value)}` },
  acks: { doc: '0, 1 or "all"', show: String },
  write: { doc: "the producer's write (batch) number", show: (value) => `w${String(value)}` },
  producer: { doc: 'producer index, 0 if absent', show: (value) => `p${String(value)}` },
};

/**
 * Where an action takes effect. `partition`: one partition's replication (the data partition, or the
 * partition the action names). `broker`: a broker-level event (a crash, a restart, fencing), which
 * changes the broker once and every replica it hosts. `consumer`: the consumer, which talks to the
 * leaders of the data partition and of its group's `__consumer_offsets` partition.
 */
export type Scope = 'partition' | 'broker' | 'consumer';

export interface ActionDoc {
  /** Who acts: the producer, a leader, a follower, a broker, the controller. */
  readonly who: string;
  /** What Kafka does, in a sentence or two. */
  readonly what: string;
  /** The KIP, JIRA or document it follows. */
  readonly source: string;
}

interface SpecOver<A extends { readonly kind: string }, At, DraftAt> {
  readonly kind: A['kind'];
  readonly doc: ActionDoc;
  readonly params: { readonly [P in Exclude<keyof A, 'kind'>]: { readonly type: ParamType; readonly doc: string } };
  /** Every parameterisation that might be enabled, in a deterministic order. */
  readonly candidates: (at: At) => A[];
  /** Why the action is not enabled, or null when it is. */
  readonly refusal: (at: At, action: A) => string | null;
  readonly apply: (at: DraftAt, action: A) => void;
  /**
   * The cluster-wide budget each application spends (`apply` counts it): once it is spent the action is
   * refused before its guard is asked, and `enabledActions` skips the kind without listing candidates.
   */
  readonly budget?: keyof BudgetUse;
  /**
   * Whether a configuration models the action at all (produce requests on the network only with a
   * retries budget): where it does not, `enabledActions` skips the kind without listing candidates.
   */
  readonly modelled?: (config: Config) => boolean;
  /**
   * The replica field it writes, when that is all it changes: a recovery field. The explorer skips
   * the action where that field is forgotten, since the state it leads to looks the same.
   */
  readonly writesOnly?: RecoveryField;
  /**
   * The places its guard and effect read and its effect writes where it is enabled (spec/footprint.ts):
   * for partial-order reduction. Without one the action is dependent on every other.
   */
  readonly footprint?: (at: At, action: A) => Footprint;
}

/** A replication action: written against one partition, which `step` picks from the action. */
export interface PartitionActionSpec<A extends { readonly kind: string }> extends SpecOver<A, PartitionSite, DraftPartitionSite> {
  readonly scope: 'partition';
}

/** A broker event or a consumer action: written against the whole state. */
export interface ClusterActionSpec<A extends { readonly kind: string }> extends SpecOver<A, Site, DraftSite> {
  readonly scope: 'broker' | 'consumer';
}

/** One candidate per replica of the partition: the common shape of partition actions. */
export function perReplica<K extends string>(kind: K): (at: PartitionSite) => { kind: K; broker: BrokerId }[] {
  return (at) => at.partition.assignment.map((broker) => ({ kind, broker }));
}

/**
 * One candidate per replica of the partition where `listed` holds, made by `candidate`: for an action
 * that needs something there (a response in flight, a leaderless partition, an unflushed log) and whose
 * guard refuses every other replica for want of it, so the others are not built only to be refused
 * (they were half of what `enabledActions` refused). The guard must refuse where `listed` does not
 * hold: test/spec/step.test.ts checks that every action a guard accepts is listed.
 */
export function replicasWhere<A>(listed: (at: PartitionSite, broker: BrokerId) => boolean, candidate: (broker: BrokerId) => A): (at: PartitionSite) => A[] {
  return (at) => {
    const candidates: A[] = [];
    for (const broker of at.partition.assignment) if (listed(at, broker)) candidates.push(candidate(broker));
    return candidates;
  };
}

/** One candidate per broker hosting any partition, in broker order: the brokers a broker event can happen to. */
export function perHost<K extends string>(kind: K): (at: Site) => { kind: K; broker: BrokerId }[] {
  return (at) => at.state.brokers.filter((broker) => hostsAny(at.state, broker.id)).map((broker) => ({ kind, broker: broker.id }));
}

/** One candidate per replica of `__consumer_offsets`: the brokers a consumer may take for its group coordinator. */
export function perCoordinator<K extends string>(kind: K): (at: Site) => { kind: K; broker: BrokerId }[] {
  return (at) => (at.state.partitions[OFFSETS_PARTITION]?.assignment ?? []).map((broker) => ({ kind, broker }));
}

/** Broker ids print as Kafka's logs print them: b0, b1, ... */
export function b(broker: BrokerId): string {
  return `b${broker}`;
}

/** Guard helper: the broker hosts a replica of the partition and is running; else why not. */
export function runningReplica(at: PartitionSite, broker: BrokerId): string | null {
  if (at.partition.replicas[broker] === undefined) return `${b(broker)} hosts no replica`;
  return at.state.brokers[broker]?.status === 'running' ? null : `${b(broker)} is down`;
}

/** Guard helper: the broker hosts a replica of some partition and is running; else why not. */
export function runningHost(at: Site, broker: BrokerId): string | null {
  if (!hostsAny(at.state, broker)) return `${b(broker)} hosts no replica`;
  return at.state.brokers[broker]?.status === 'running' ? null : `${b(broker)} is down`;
}

/** Whether a perturbation budget still has room. */
export function hasBudget(state: Site['state'], budget: keyof Site['state']['budget']): boolean {
  return state.budget[budget] < state.config.budgets[budget];
}

/** Guard helper: a perturbation budget still has room; else why not. */
export function budgetLeft(at: Site, budget: keyof Site['state']['budget']): string | null {
  return hasBudget(at.state, budget) ? null : `the ${budget} budget is spent`;
}

/** Guard helper: the partition's leader may still drop a lagging follower (the `shrinks` budget, per partition). */
export function shrinksLeft(at: PartitionSite): string | null {
  return at.partition.shrinks < at.rules.config.budgets.shrinks ? null : 'the shrinks budget is spent';
}

export type { Acks };
