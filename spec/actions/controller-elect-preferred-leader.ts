/**
 * controllerElectPreferredLeader: the controller moves leadership back to the preferred replica, the
 * first in the assignment: automatic rebalancing (`auto.leader.rebalance.enable`, on by default; the
 * ZooKeeper controller checks every `leader.imbalance.check.interval.seconds` and acts above
 * `leader.imbalance.per.broker.percentage`), or an operator's ElectLeaders of type PREFERRED
 * (`kafka-leader-election.sh --election-type preferred`, KIP-460; before 2.4
 * `kafka-preferred-replica-election.sh`), which every era has in one form.
 *
 * Rule 26: only to the preferred replica, only while it is active (registered, unfenced) and in the
 * ISR and another broker leads. The old leader stays in the ISR as a follower; the leader epoch is
 * bumped (ZooKeeper: the controller's LeaderAndIsr; KRaft: a PartitionChangeRecord). Not to an ELR
 * member: a preferred election needs no recovery. Budgeted (`leaderMoves`): Kafka rebalances by
 * default, but each move widens the search.
 */
import { isActive, writePartitionChange } from '../controller.js';
import { witness } from '../ghost.js';
import { isOn, type PartitionSite } from '../rules.js';
import type { BrokerId } from '../types.js';
import { b, type PartitionActionSpec } from './action.js';

export interface ControllerElectPreferredLeader {
  readonly kind: 'controllerElectPreferredLeader';
  readonly broker: BrokerId;
}

/** Why the preferred replica cannot take over now, or null when it can. */
function preferredRefusal(at: PartitionSite, broker: BrokerId): string | null {
  const { assignment, record } = at.partition;
  const preferred = assignment[0];
  if (broker !== preferred) return `${b(broker)} is not the preferred replica (${preferred === undefined ? 'none' : b(preferred)} is)`;
  // A leaderless partition needs an election, not a rebalance (ELECTION_NOT_NEEDED is the other way round).
  if (record.leader === null) return 'the partition has no leader to move';
  if (record.leader === broker) return `${b(broker)} already leads`;
  if (!isActive(at, broker)) return `${b(broker)} is fenced`;
  // CHECK: acked-never-lost (a preferred replica outside the ISR may lack committed records)
  if (!isOn(at.rules, 'check:preferred-in-isr')) return null;
  return record.isr.includes(broker) ? null : `${b(broker)} is not in the ISR`;
}

export const controllerElectPreferredLeader: PartitionActionSpec<ControllerElectPreferredLeader> = {
  kind: 'controllerElectPreferredLeader',
  scope: 'partition',
  doc: {
    who: 'controller',
    what: 'moves leadership to the preferred replica (first in the assignment) while it is active and in the ISR; the old leader stays in the ISR',
    source: 'auto.leader.rebalance.enable; KIP-460 (ElectLeaders, type PREFERRED); KAFKA-RULES.md rule 26',
  },
  params: { broker: { type: 'broker', doc: 'the preferred replica' } },
  candidates: (at) => (at.partition.assignment[0] === undefined ? [] : [{ kind: 'controllerElectPreferredLeader', broker: at.partition.assignment[0] }]),
  budget: 'leaderMoves',
  refusal: (at, { broker }) => preferredRefusal(at, broker),
  apply(at, { broker }) {
    at.state.budget.leaderMoves += 1;
    writePartitionChange(at, { leader: broker });
    at.partition.ghost.uncleanLeader = null;
    witness(at, 'leaderMoved');
  },
};
