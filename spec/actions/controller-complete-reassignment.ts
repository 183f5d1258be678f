/**
 * controllerCompleteReassignment: the controller finishes a reassignment once every added replica is
 * in the ISR (rule 31; KRaft: PartitionReassignmentReplicas; ZooKeeper:
 * KafkaController.onPartitionReassignment, phases B).
 *
 * The assignment becomes the target; the leaving replicas leave the ISR and the ELR and are deleted
 * (StopReplica with deletion): a leader among them resigns, failing what it held in purgatory, and the
 * partition is leaderless until the controller elects a member of the new ISR. Kafka elects it in the
 * same change; the model's separate election step only adds interleavings. Recovery: not budgeted.
 */
import { resignLeadership } from '../broker.js';
import { dropReplica } from '../cluster.js';
import { writePartitionChange } from '../controller.js';
import { isOn, type PartitionSite } from '../rules.js';
import { b, type PartitionActionSpec } from './action.js';

export interface ControllerCompleteReassignment {
  readonly kind: 'controllerCompleteReassignment';
}

/** Why the reassignment in progress cannot complete yet, or null when it can. */
function completionRefusal(at: PartitionSite): string | null {
  const { reassignment, record } = at.partition;
  if (reassignment === null) return 'no reassignment is in progress';
  // CHECK: isr-within-replicas (removing the leaving replicas could otherwise empty the ISR, which only ELR allows)
  if (!isOn(at.rules, 'check:reassignment-caught-up')) return null;
  // Kafka also needs the ISR without the leaving replicas to be non-empty (rule 31): every reassignment
  // here adds a replica, which is then in the ISR and not leaving, so that follows.
  const waiting = reassignment.adding.find((id) => !record.isr.includes(id));
  return waiting === undefined ? null : `${b(waiting)}, being added, is not in the ISR yet`;
}

export const controllerCompleteReassignment: PartitionActionSpec<ControllerCompleteReassignment> = {
  kind: 'controllerCompleteReassignment',
  scope: 'partition',
  doc: {
    who: 'controller',
    what: 'completes a reassignment once every added replica is in the ISR: the leaving replicas leave the ISR and the assignment',
    source: 'KIP-455; KAFKA-RULES.md rule 31',
  },
  params: {},
  candidates: (at) => (at.partition.reassignment === null ? [] : [{ kind: 'controllerCompleteReassignment' }]),
  refusal: completionRefusal,
  apply(at) {
    const partition = at.partition;
    const removing = partition.reassignment?.removing ?? [];
    const leaving = (id: number | null): boolean => id !== null && removing.includes(id);
    for (const id of removing) {
      resignLeadership(at, id);
      dropReplica(partition, id);
    }
    partition.assignment = partition.assignment.filter((id) => !leaving(id));
    partition.reassignment = null;
    const { leader, isr, elr } = partition.record;
    writePartitionChange(at, {
      isr: isr.filter((id) => !leaving(id)),
      elr: elr.filter((id) => !leaving(id)),
      ...(leaving(leader) ? { leader: null } : {}),
      ...(leaving(partition.lastKnownLeader) ? { lastKnownLeader: null } : {}),
      bumpLeaderEpoch: at.rules.era.reassignmentBumpsLeaderEpoch,
    });
  },
};
