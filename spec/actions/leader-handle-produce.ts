/**
 * leaderHandleProduce: a broker reads the next produce request on its connection from the producer
 * (KafkaApis.handleProduceRequest). A broker that does not lead answers NOT_LEADER_OR_FOLLOWER; a
 * leader appends or refuses as for any produce (producer-send.ts's appendBatch) and answers at once,
 * or from purgatory under acks=all. The connection's next request waits until this one is answered
 * (the broker mutes a channel while a request on it is in progress), not until the producer reads it.
 */
import { castDraft } from 'immer';
import { believesLeader } from '../isr.js';
import { answerProduce, networkOf, on, perConnection, producerRefusal, producesOverNetwork, sequenceOf, type Connection } from '../producer.js';
import type { BrokerId, ProduceRequest, ProducerNetwork } from '../types.js';
import { b, type PartitionActionSpec } from './action.js';
import { appendBatch } from './producer-send.js';

/** The first request on a connection that its broker has not answered: the one it reads next, unless it still holds it. */
function unread(network: ProducerNetwork, connection: Connection): ProduceRequest | undefined {
  return network.requests.find((r) => on(r, connection) && r.stage !== 'response');
}

export interface LeaderHandleProduce {
  readonly kind: 'leaderHandleProduce';
  readonly producer: number;
  readonly broker: BrokerId;
}

export const leaderHandleProduce: PartitionActionSpec<LeaderHandleProduce> = {
  kind: 'leaderHandleProduce',
  scope: 'partition',
  modelled: producesOverNetwork,
  doc: {
    who: 'leader',
    what: 'reads the next produce request on its connection from the producer: appends it (answering by acks) or answers NOT_LEADER_OR_FOLLOWER or NOT_ENOUGH_REPLICAS',
    source: 'KIP-98 (produce request handling), Kafka docs: acks, min.insync.replicas',
  },
  params: {
    producer: { type: 'producer', doc: 'the producer whose connection it reads' },
    broker: { type: 'broker', doc: 'the broker reading the request' },
  },
  candidates: perConnection('leaderHandleProduce'),
  refusal(at, connection) {
    const off = producerRefusal(at, connection.producer);
    if (off !== null) return off;
    const next = unread(networkOf(at.state), connection);
    if (next === undefined) return `no produce request of p${connection.producer} in flight to ${b(connection.broker)}`;
    return next.stage === 'request' ? null : `${b(connection.broker)} has not answered the request before it (w${next.write})`;
  },
  apply(at, connection) {
    const { broker } = connection;
    const network = networkOf(at.state);
    const next = unread(network, connection);
    const index = next === undefined ? -1 : network.requests.indexOf(next);
    const request = network.requests[index];
    const attempt = request === undefined ? undefined : at.state.producer.attempts[request.write];
    if (request === undefined || attempt === undefined) throw new Error(`no produce request to ${b(broker)}`);
    const produce = { id: request.write, from: 'producer' as const, send: request.send };
    if (!believesLeader(at, broker)) {
      answerProduce(at, produce, { error: 'NOT_LEADER_OR_FOLLOWER' });
      return;
    }
    // Held until answered; an acks=0 request is never answered and leaves the connection once read.
    at.state.producer.network?.requests.splice(index, 1, ...(attempt.acks === 0 ? [] : [castDraft({ ...request, stage: 'purgatory' as const })]));
    // An idempotent producer's batch carries its producer id and sequence: the write's place among its writes (KIP-98).
    const batch = at.rules.producer.idempotence ? { producer: request.producer, sequence: sequenceOf(network, request.write) } : {};
    const answer = appendBatch(at, broker, attempt.acks, produce, batch);
    if (answer !== null) answerProduce(at, produce, answer);
  },
};
