/**
 * adminAlterPartitionReassignments: an operator moves one replica of the partition to a broker outside
 * its assignment (`kafka-reassign-partitions.sh --execute`; the AlterPartitionReassignments API of
 * KIP-455 from 2.4, which the tool uses from 2.6 and KRaft supports from 3.0; before it the ZooKeeper
 * controller's /admin/reassign_partitions, in every era here).
 *
 * Rule 31, first half: the assignment becomes the target (the new broker at the leaving one's
 * position) followed by the leaving replica; the new replica starts empty and, once it has learned the
 * record, fetches from the leader and joins the ISR when caught up, like any follower. The ZooKeeper
 * controller bumps the leader epoch (a LeaderAndIsr to every replica); KRaft only the partition epoch.
 * One reassignment at a time per partition; budgeted (`reassignments`).
 */
import { hostReplica } from '../cluster.js';
import { writePartitionChange } from '../controller.js';
import type { PartitionSite } from '../rules.js';
import type { BrokerId } from '../types.js';
import { b, type PartitionActionSpec } from './action.js';

export interface AdminAlterPartitionReassignments {
  readonly kind: 'adminAlterPartitionReassignments';
  /** The broker that gets a new replica. */
  readonly adding: BrokerId;
  /** The replica that leaves once the new one is in the ISR. */
  readonly removing: BrokerId;
}

/** Why this reassignment cannot start now, or null when it can. */
function reassignmentRefusal(at: PartitionSite, { adding, removing }: AdminAlterPartitionReassignments): string | null {
  const { assignment, reassignment } = at.partition;
  if (reassignment !== null) return 'a reassignment of the partition is already in progress';
  // KRaft's controller refuses a replica on a broker that never registered (as the ZooKeeper one
  // refused a non-live broker).
  if (at.state.brokers[adding] === undefined) return `${b(adding)} is not a broker of the cluster`;
  if (assignment.includes(adding)) return `${b(adding)} already hosts a replica`;
  return assignment.includes(removing) ? null : `${b(removing)} hosts no replica`;
}

export const adminAlterPartitionReassignments: PartitionActionSpec<AdminAlterPartitionReassignments> = {
  kind: 'adminAlterPartitionReassignments',
  scope: 'partition',
  doc: {
    who: 'operator',
    what: 'reassigns one replica to a broker outside the assignment: the new replica is added (empty, it catches up), the old one leaves once it is in the ISR',
    source: 'KIP-455 (AlterPartitionReassignments); kafka-reassign-partitions.sh; KAFKA-RULES.md rule 31',
  },
  params: {
    adding: { type: 'broker', doc: 'the broker that gets a new replica' },
    removing: { type: 'broker', doc: 'the replica that leaves' },
  },
  candidates: (at) =>
    at.state.brokers
      .filter((broker) => !at.partition.assignment.includes(broker.id))
      .flatMap((broker) => at.partition.assignment.map((removing) => ({ kind: 'adminAlterPartitionReassignments' as const, adding: broker.id, removing }))),
  budget: 'reassignments',
  refusal: reassignmentRefusal,
  apply(at, { adding, removing }) {
    const partition = at.partition;
    at.state.budget.reassignments += 1;
    const target = partition.assignment.map((id) => (id === removing ? adding : id));
    partition.assignment = [...target, removing];
    hostReplica(partition, adding);
    partition.reassignment = { adding: [adding], removing: [removing] };
    writePartitionChange(at, { bumpLeaderEpoch: at.rules.era.reassignmentBumpsLeaderEpoch });
  },
};
