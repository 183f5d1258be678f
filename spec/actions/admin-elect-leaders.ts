/**
 * adminElectLeaders: an operator forces an election with the ElectLeaders API, type UNCLEAN
 * (`kafka-leader-election.sh --election-type unclean`, KIP-460, 2.4), whatever
 * `unclean.leader.election.enable` says.
 *
 * Rule 25: Kafka acts only on a partition with no leader (otherwise ELECTION_NOT_NEEDED); it still
 * prefers an active ISR member (and, with KIP-966, an ELR member or the last known leader) and only
 * then takes any active replica, which becomes the whole ISR, the partition marked recovering
 * (KIP-704). A perturbation, budgeted (`uncleanElections`); only in eras that have the API.
 */
import { perReplica, type PartitionActionSpec } from './action.js';
import { elect, electionRefusal } from './controller-elect-leader.js';
import type { BrokerId } from '../types.js';

export interface AdminElectLeaders {
  readonly kind: 'adminElectLeaders';
  readonly broker: BrokerId;
}

export const adminElectLeaders: PartitionActionSpec<AdminElectLeaders> = {
  kind: 'adminElectLeaders',
  scope: 'partition',
  doc: {
    who: 'operator',
    what: 'forces an unclean election on a leaderless partition (ElectLeaders, type UNCLEAN): an active ISR member if any, else any active replica',
    source: 'KIP-460; kafka-leader-election.sh --election-type unclean; KIP-704',
  },
  params: { broker: { type: 'broker', doc: 'the replica elected' } },
  candidates: perReplica('adminElectLeaders'),
  // An era without the ElectLeaders API has no budget for it: validateConfig refuses one (KIP-460, 2.4).
  budget: 'uncleanElections',
  refusal: (at, { broker }) => electionRefusal(at, broker, 'operator'),
  apply(at, { broker }) {
    at.state.budget.uncleanElections += 1;
    elect(at, broker, 'operator');
  },
};
