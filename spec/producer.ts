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
  return internalRefusal(at) ?? (producesOverNetwork(at.rules.config) ? null : 'produces are atomic without a retries budget: producerSend');
}

/** Kafka refuses client writes to an internal topic (INVALID_TOPIC_EXCEPTION): why, or null on the data partition. */
export function internalRefusal(at: PartitionSite): string | null {
  return at.partition.internal ? `producers write the data partition; commits reach ${at.name} through consumerCommit` : null;
}

/** A producer's connection to a broker. */
export interface Connection {
  readonly producer: number;
  readonly broker: BrokerId;
}

/** One candidate per connection with requests in flight: the common shape of the connection steps. */
export function perConnection<K extends string>(kind: K): (at: PartitionSite) => ({ kind: K } & Connection)[] {
  return (at) => (networkRefusal(at) !== null ? [] : connections(networkOf(at.state)).map((connection) => ({ kind, ...connection })));
}

/** Why a step of `producer` does not apply: the network's refusal, or no such producer; null when it applies. */
export function producerRefusal(at: PartitionSite, producer: number): string | null {
  return networkRefusal(at) ?? (producer < at.rules.config.producers ? null : `no producer p${producer} (the run has ${at.rules.config.producers})`);
}

/** The producers of the run, by index. */
export function producersOf(at: PartitionSite): number[] {
  return Array.from({ length: at.rules.config.producers }, (_, producer) => producer);
}

/** The producer's network, which actions over it may assume exists. */
export function networkOf(state: State): ProducerNetwork {
  const network = state.producer.network;
  if (network === null) throw new Error('produce requests are atomic in this configuration (no retries budget)');
  return network;
}

/** Whether `request` travels on `connection`. */
export function on(request: ProduceRequest, { producer, broker }: Connection): boolean {
  return request.producer === producer && request.broker === broker;
}

/** The first unanswered request on a connection: the only one the producer may read the answer of next. */
export function connectionHead(network: ProducerNetwork, connection: Connection): ProduceRequest | undefined {
  return network.requests.find((request) => on(request, connection));
}

/** The connections with requests in flight, in the order first sent on. */
export function connections(network: ProducerNetwork): Connection[] {
  const found: Connection[] = [];
  for (const { producer, broker } of network.requests) if (!found.some((c) => c.producer === producer && c.broker === broker)) found.push({ producer, broker });
  return found;
}

/** The producer that sent `write`. */
export function writerOf(network: ProducerNetwork, write: number): number {
  return network.writers[write] ?? 0;
}

/** An idempotent producer's sequence number for `write`: how many writes its producer sent before it. */
export function sequenceOf(network: ProducerNetwork, write: number): number {
  const producer = writerOf(network, write);
  return network.writers.slice(0, write).filter((writer) => writer === producer).length;
}

/**
 * Writes whose last send failed or was lost and that their producer has neither retried nor given up
 * (pending, with no request in flight), oldest first: the batches at the front of its accumulator. Of
 * one producer, when `producer` is given.
 */
export function awaitingRetry(state: State, producer?: number): number[] {
  const network = state.producer.network;
  if (network === null) return [];
  return state.producer.attempts
    .filter((a) => a.status === 'pending' && (producer === undefined || writerOf(network, a.id) === producer) && !network.requests.some((r) => r.write === a.id))
    .map((a) => a.id);
}

/** The oldest write of `producer` still unanswered: the one an idempotent producer resends first. */
export function oldestPending(state: State, producer: number): number | undefined {
  const network = networkOf(state);
  return state.producer.attempts.find((a) => a.status === 'pending' && writerOf(network, a.id) === producer)?.id;
}

/** How often `write` has been sent, retries included. */
export function sendsOf(network: ProducerNetwork, write: number): number {
  return network.sends.filter((id) => id === write).length;
}

/**
 * Why `producer` cannot send a batch now, or null: max.in.flight.requests.per.connection, counted over
 * its requests to the one partition (the client's limit is per connection, and all go to its leader).
 */
export function inFlightRefusal(at: Site, producer: number): string | null {
  const { maxInFlight } = at.rules.producer;
  const inFlight = networkOf(at.state).requests.filter((r) => r.producer === producer).length;
  return inFlight < maxInFlight ? null : `${inFlight} requests in flight, max.in.flight.requests.per.connection=${maxInFlight}`;
}

/** The write's producer puts a batch of it on its connection to `broker`: its send number `send`. */
export function sendRequest(at: DraftSite, write: number, broker: BrokerId): void {
  const network = at.state.producer.network;
  if (network === null) throw new Error('no producer network');
  network.requests.push({ producer: writerOf(network, write), write, send: network.sends.length, broker, stage: 'request' });
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
  if (request !== undefined) network.requests[index] = castDraft({ producer: request.producer, write: request.write, send: request.send, broker: request.broker, stage: 'response', answer });
}

/**
 * Connections to `broker` close, taking every request on them: all of them when the broker stops, a
 * producer's own when it gives up waiting (request.timeout.ms). Each write's outcome is unknown: it
 * awaits its retry while `retries` allows, else fails.
 */
export function closeConnections(at: DraftSite, broker: BrokerId, producer?: number): void {
  const network: Draft<ProducerNetwork> | null = at.state.producer.network;
  const closing = (r: ProduceRequest): boolean => r.broker === broker && (producer === undefined || r.producer === producer);
  if (network === null || !network.requests.some(closing)) return;
  const lost = network.requests.filter(closing).map((r) => r.write);
  network.requests = network.requests.filter((r) => !closing(r));
  for (const write of lost) failedSend(at, write, 'REQUEST_TIMED_OUT');
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
