/**
 * `kip-279`: Kafka 2.0.0 (ZooKeeper). OffsetsForLeaderEpoch answers with the pair (largest epoch <= the
 * one asked, its end offset), and a follower that never saw that epoch truncates to the end of its own
 * smaller epoch and asks again, until the logs agree. Before KAFKA-7128, KAFKA-7164 and KAFKA-7415
 * (2.0.1) and before fetches were fenced by epoch (KIP-320, 2.1).
 */
import { ERA_VERSIONS } from './names.js';
import type { Era } from '../rules.js';
import { kraft } from './kraft.js';
import { zookeeper } from './zookeeper.js';

export const kip279: Era = {
  ...kraft,
  ...zookeeper,
  name: 'kip-279',
  ...ERA_VERSIONS['kip-279'],
  summary: 'OffsetsForLeaderEpoch answers (epoch, end offset); truncation repeats until the logs agree',
  source: 'https://cwiki.apache.org/confluence/display/KAFKA/KIP-279%3A+Fix+log+divergence+between+leader+and+follower+after+fast+leader+fail+over',
  fixes: [],
};
