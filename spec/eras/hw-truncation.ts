/**
 * `hw-truncation`: Kafka 0.10.2 and before (ZooKeeper), without leader epochs. A replica that becomes a
 * follower, or restarts, truncates its log to its own high watermark, which lags the leader's by a
 * fetch round trip: the cause of KIP-101's two scenarios (an acknowledged record lost, replicas that
 * diverge).
 */
import { ERA_VERSIONS } from './names.js';
import { witness } from '../ghost.js';
import { truncateTo } from '../log.js';
import type { DraftPartitionSite, Era } from '../rules.js';
import type { BrokerId, PartitionView } from '../types.js';
import { kraft } from './kraft.js';
import { mustReconcile, zookeeper } from './zookeeper.js';

/** ReplicaManager.makeFollowers before 0.11: truncate to the local (checkpointed) HW, then fetch. */
function truncateToHighWatermark(at: DraftPartitionSite, brokerId: BrokerId, previous: PartitionView | null): void {
  const replica = at.partition.replicas[brokerId];
  if (replica?.view == null || !mustReconcile(at.rules, previous, replica.view)) return;
  if (truncateTo(replica, replica.hw) > 0) witness(at, 'truncationAfterLeaderChange');
}

export const hwTruncation: Era = {
  ...kraft,
  ...zookeeper,
  name: 'hw-truncation',
  ...ERA_VERSIONS['hw-truncation'],
  summary: 'no leader epochs: a new follower or a restarted replica truncates to its own high watermark',
  source: 'https://cwiki.apache.org/confluence/display/KAFKA/KIP-101+-+Alter+Replication+Protocol+to+use+Leader+Epoch+rather+than+High+Watermark+for+Truncation',
  fixes: [],
  onBecomeFollower: truncateToHighWatermark,
};
