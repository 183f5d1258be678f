/**
 * `kip-101`: Kafka 0.11.0 (ZooKeeper). Records carry leader epochs; a new follower asks the leader
 * (OffsetsForLeaderEpoch) where its latest epoch ends and truncates there. The answer is an offset only,
 * which may belong to an epoch the follower never had: after back-to-back leader changes the logs can
 * diverge (KAFKA-6361).
 */
import { ERA_VERSIONS } from './names.js';
import type { Era, Rules } from '../rules.js';
import type { EpochEndOffset, LeaderEpoch, Replica } from '../types.js';
import { kraft } from './kraft.js';
import { zookeeper } from './zookeeper.js';

/** KIP-101's answer: the end offset alone (UNDEFINED below the first epoch; KAFKA-7415 came later). */
function offsetOnly(rules: Rules, leader: Replica, requested: LeaderEpoch | null): EpochEndOffset {
  return { epoch: null, endOffset: kraft.epochEndAnswer(rules, leader, requested).endOffset };
}

export const kip101: Era = {
  ...kraft,
  ...zookeeper,
  name: 'kip-101',
  ...ERA_VERSIONS['kip-101'],
  summary: 'leader epochs; truncation through OffsetsForLeaderEpoch, answered with an end offset only',
  source: 'https://cwiki.apache.org/confluence/display/KAFKA/KIP-101+-+Alter+Replication+Protocol+to+use+Leader+Epoch+rather+than+High+Watermark+for+Truncation',
  fixes: [],
  epochEndAnswer: offsetOnly,
};
