/**
 * `kip-320`: Kafka 2.1.0 (ZooKeeper). Fetches and OffsetsForLeaderEpoch carry the follower's current
 * leader epoch and a mismatch is refused (FENCED_LEADER_EPOCH / UNKNOWN_LEADER_EPOCH), so a zombie
 * follower or leader cannot act on a stale epoch; every epoch change makes a follower reconcile again.
 * Ships the 2.0.1 fixes (KAFKA-7128, KAFKA-7164, KAFKA-7415) and KAFKA-7152 (a caught-up follower stays
 * in the ISR). The ISR is still written to ZooKeeper by the leader (AlterIsr came in 2.7); brokers have
 * no epochs (KIP-380, 2.2) and there is no ElectLeaders API (KIP-460, 2.4).
 */
import { ERA_VERSIONS } from './names.js';
import type { Era } from '../rules.js';
import { kraft } from './kraft.js';
import { zookeeper } from './zookeeper.js';

export const kip320: Era = {
  ...kraft,
  ...zookeeper,
  name: 'kip-320',
  ...ERA_VERSIONS['kip-320'],
  summary: 'fetches fenced by the current leader epoch; every epoch change re-checks divergence',
  source: 'https://cwiki.apache.org/confluence/display/KAFKA/KIP-320%3A+Allow+fetchers+to+detect+and+handle+log+truncation',
  fixes: ['KAFKA-7128', 'KAFKA-7152', 'KAFKA-7164', 'KAFKA-7415', 'KIP-320'],
};
