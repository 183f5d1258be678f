/**
 * The shape of one action: who acts, what Kafka does, its guard (why it is not enabled, or null when
 * it is) and its effect (an immer recipe that only mutates the draft).
 */
import type { Draft } from 'immer';
import type { Acks, BrokerId, PartitionState, State } from '../types.js';

/** The type of each action parameter, so traces can be validated and documented from the registry. */
export type ParamType = 'broker' | 'acks';

/**
 * Where an action takes effect. `partition`: one partition's replication (the data partition, or the
 * group's `__consumer_offsets` partition when the action names that topic). `broker`: a broker-level
 * event (a crash, a restart, fencing), which every partition on the broker sees at once. `consumer`:
 * the consumer, which talks to both partitions' leaders.
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

interface SpecOver<A extends { readonly kind: string }, S> {
  readonly kind: A['kind'];
  readonly doc: ActionDoc;
  readonly params: { readonly [P in Exclude<keyof A, 'kind'>]: { readonly type: ParamType; readonly doc: string } };
  /** Every parameterisation that might be enabled in `state`, in a deterministic order. */
  readonly candidates: (state: S) => A[];
  /** Why the action is not enabled in `state`, or null when it is. */
  readonly refusal: (state: S, action: A) => string | null;
  readonly apply: (draft: Draft<S>, action: A) => void;
}

/** A replication action: written against one partition, which `step` picks (or every one, for a broker event). */
export interface ActionSpec<A extends { readonly kind: string }> extends SpecOver<A, PartitionState> {
  readonly scope: 'partition' | 'broker';
}

/** A consumer action: written against the whole state, since the consumer talks to both partitions. */
export interface ConsumerActionSpec<A extends { readonly kind: string }> extends SpecOver<A, State> {
  readonly scope: 'consumer';
}

const ASSIGNMENTS: BrokerId[][] = [];

/** The ids of the brokers that host a replica of the partition (the assignment: 0..RF-1), shared per RF. */
export function replicaIds(state: PartitionState): readonly BrokerId[] {
  const rf = state.config.replicationFactor;
  return (ASSIGNMENTS[rf] ??= Array.from({ length: rf }, (_, id) => id));
}

/** One candidate per replica broker: the common shape of broker and controller actions. */
export function perReplica<K extends string>(kind: K): (state: PartitionState) => { kind: K; broker: BrokerId }[] {
  return (state) => replicaIds(state).map((broker) => ({ kind, broker }));
}

/** One candidate per replica of `__consumer_offsets`: the brokers a consumer may take for its coordinator. */
export function perCoordinator<K extends string>(kind: K): (state: State) => { kind: K; broker: BrokerId }[] {
  return (state) => (state.offsetsTopic === null ? [] : replicaIds(state.offsetsTopic).map((broker) => ({ kind, broker })));
}

/** Broker ids print as Kafka's logs print them: b0, b1, ... */
export function b(broker: BrokerId): string {
  return `b${broker}`;
}

/** Guard helper: the broker exists, hosts a replica and is running; else why not. */
export function runningReplica(state: PartitionState, broker: BrokerId): string | null {
  const target = state.brokers[broker];
  if (target === undefined || broker >= state.config.replicationFactor) return `${b(broker)} hosts no replica`;
  return target.status === 'running' ? null : `${b(broker)} is down`;
}

/** Guard helper: a perturbation budget still has room. */
export function budgetLeft(state: PartitionState, budget: keyof PartitionState['budget']): string | null {
  return state.budget[budget] < state.config.budgets[budget] ? null : `the ${budget} budget is spent`;
}

export type { Acks };
