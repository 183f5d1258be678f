/**
 * leaderHandleProduce: a broker reads the next produce request on its connection from the producer
 * (KafkaApis.handleProduceRequest). A broker that does not lead answers NOT_LEADER_OR_FOLLOWER; a
 * leader appends or refuses as for any produce (producer-send.ts's appendBatch) and answers at once,
 * or from purgatory under acks=all. The connection's next request waits until this one is answered
 * (the broker mutes a channel while a request on it is in progress), not until the producer reads it.
 */
import { castDraft } from 'immer';
import { believesLeader } from '../isr.js';
import { answerProduce, networkOf, networkRefusal, perConnection } from '../producer.js';
import type { BrokerId, ProduceRequest, ProducerNetwork } from '../types.js';
import { b, type PartitionActionSpec } from './action.js';
import { appendBatch } from './producer-send.js';

/** The first request on the connection to `broker` that the broker has not answered: the one it reads next, unless it still holds it. */
function unread(network: ProducerNetwork, broker: BrokerId): ProduceRequest | undefined {
  return network.requests.find((r) => r.broker === broker && r.stage !== 'response');
}

export interface LeaderHandleProduce {
  readonly kind: 'leaderHandleProduce';
  readonly broker: BrokerId;
}

export const leaderHandleProduce: PartitionActionSpec<LeaderHandleProduce> = {
  kind: 'leaderHandleProduce',
  scope: 'partition',
  doc: {
    who: 'leader',
    what: 'reads the next produce request on its connection from the producer: appends it (answering by acks) or answers NOT_LEADER_OR_FOLLOWER or NOT_ENOUGH_REPLICAS',
    source: 'KIP-98 (produce request handling), Kafka docs: acks, min.insync.replicas',
  },
  params: { broker: { type: 'broker', doc: 'the broker reading the request' } },
  candidates: perConnection('leaderHandleProduce'),
  refusal(at, { broker }) {
    const off = networkRefusal(at);
    if (off !== null) return off;
    const next = unread(networkOf(at.state), broker);
    if (next === undefined) return `no produce request in flight to ${b(broker)}`;
    return next.stage === 'request' ? null : `${b(broker)} has not answered the request before it (w${next.write})`;
  },
  apply(at, { broker }) {
    const network = networkOf(at.state);
    const index = network.requests.findIndex((r) => r.broker === broker && r.stage !== 'response');
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
    // An idempotent producer's batch carries its sequence: the write's place among its writes (KIP-98).
    const answer = appendBatch(at, broker, attempt.acks, produce, at.rules.producer.idempotence ? { sequence: request.write } : {});
    if (answer !== null) answerProduce(at, produce, answer);
  },
};
