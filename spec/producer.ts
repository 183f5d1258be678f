/**
 * The producer's requests on the network (rule 29), modelled when it may retry: a batch is sent on the
 * connection to the broker the producer believes leads, read by that broker in the connection's order,
 * held in purgatory under acks=all, and answered; a request or its answer can be lost (a request
 * timeout, a closed connection), which leaves the batch's outcome unknown and lets the producer send
 * the same batch again. Without a retries budget a produce stays one step (producer-send.ts): with no
 * resend, a request's delay is a later send and a lost answer an acknowledgement never given, neither of
 * which a property can tell apart.
 */
import { castDraft, type Draft } from 'immer';
import { acknowledge, fail } from './ghost.js';
import type { Config } from './config.js';
import type { DraftSite, PartitionSite, Site } from './rules.js';
import type { BrokerId, Client, ProduceAnswer, ProduceError, ProduceRequest, ProducerNetwork, State } from './types.js';

/** Whether produce requests travel the network: when the producer may retry (a retries budget above 0). */
export function producesOverNetwork(config: Config): boolean {
  return config.budgets.retries > 0;
}

/**
 * Why the producer's network steps do not apply to a partition, or null: clients write the data
 * partition only, and without a retries budget a produce is one step (producerSend).
 */
export function networkRefusal(at: PartitionSite): string | null {
  if (at.partition.internal) return `producers write the data partition; commits reach ${at.name} through consumerCommit`;
  return producesOverNetwork(at.rules.config) ? null : 'produces are atomic without a retries budget: producerSend';
}

/** One candidate per broker the producer has requests in flight to: the common shape of the connection steps. */
export function perConnection<K extends string>(kind: K): (at: PartitionSite) => { kind: K; broker: BrokerId }[] {
  return (at) => (networkRefusal(at) !== null ? [] : connections(networkOf(at.state)).map((broker) => ({ kind, broker })));
}

/** The producer's network, which actions over it may assume exists. */
export function networkOf(state: State): ProducerNetwork {
  const network = state.producer.network;
  if (network === null) throw new Error('produce requests are atomic in this configuration (no retries budget)');
  return network;
}

/** The first unanswered request on the connection to `broker`: the only one the broker may read or answer next. */
export function connectionHead(network: ProducerNetwork, broker: BrokerId): ProduceRequest | undefined {
  return network.requests.find((request) => request.broker === broker);
}

/** The brokers the producer has a connection with requests in flight to, in the order first sent. */
export function connections(network: ProducerNetwork): BrokerId[] {
  return [...new Set(network.requests.map((request) => request.broker))];
}

/**
 * Writes whose last send failed or was lost and that the producer has neither retried nor given up
 * (pending, with no request in flight), oldest first: the batches at the front of its accumulator.
 */
export function awaitingRetry(state: State): number[] {
  const network = state.producer.network;
  if (network === null) return [];
  return state.producer.attempts.filter((a) => a.status === 'pending' && !network.requests.some((r) => r.write === a.id)).map((a) => a.id);
}

/** How often `write` has been sent, retries included. */
export function sendsOf(network: ProducerNetwork, write: number): number {
  return network.sends.filter((id) => id === write).length;
}

/** Why the producer cannot send a batch now (max.in.flight.requests.per.connection), or null. */
export function inFlightRefusal(at: Site): string | null {
  const { maxInFlight } = at.rules.producer;
  const inFlight = networkOf(at.state).requests.length;
  return inFlight < maxInFlight ? null : `${inFlight} requests in flight, max.in.flight.requests.per.connection=${maxInFlight}`;
}

/** The producer puts a batch of `write` on the connection to `broker`: its send number `send`. */
export function sendRequest(at: DraftSite, write: number, broker: BrokerId): void {
  const network = at.state.producer.network;
  if (network === null) throw new Error('no producer network');
  network.requests.push({ write, send: network.sends.length, broker, stage: 'request' });
  network.sends.push(write);
}

/**
 * A leader answers a produce request (ReplicaManager's response callback): through the producer's
 * request in purgatory when produces travel the network (nothing, if the producer stopped waiting for
 * it), else straight to the client, as an atomic produce is answered.
 */
export function answerProduce(at: DraftSite, produce: { readonly id: number; readonly from: Client; readonly send?: number }, answer: ProduceAnswer): void {
  const network = at.state.producer.network;
  if (produce.send === undefined || network === null) {
    if ('offset' in answer) acknowledge(at, produce.from, produce.id, answer.offset);
    else fail(at, produce.from, produce.id, answer.error);
    return;
  }
  const index = network.requests.findIndex((r) => r.send === produce.send);
  const request = network.requests[index];
  if (request !== undefined) network.requests[index] = castDraft({ write: request.write, send: request.send, broker: request.broker, stage: 'response', answer });
}

/** Requests the producer waits on at `broker`, cut off when the broker stops (its connections close). */
export function closeConnection(at: DraftSite, broker: BrokerId): void {
  const network: Draft<ProducerNetwork> | null = at.state.producer.network;
  if (network === null || !network.requests.some((r) => r.broker === broker)) return;
  network.requests = network.requests.filter((r) => r.broker !== broker);
}

/**
 * A send of `write` failed with a retriable error or was lost: the batch awaits its retry while the
 * `retries` setting allows another send (Sender.canRetry), else the write fails with `error`.
 */
export function failedSend(at: DraftSite, write: number, error: ProduceError): void {
  const network = at.state.producer.network;
  const attempt = at.state.producer.attempts[write];
  if (network === null || attempt === undefined || attempt.status !== 'pending') return;
  if (sendsOf(network, write) - 1 >= at.rules.producer.retries) fail(at, 'producer', write, error);
}
