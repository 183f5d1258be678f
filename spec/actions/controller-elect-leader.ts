/**
 * controllerElectLeader: the controller elects a leader for the leaderless partition.
 *
 * Clean: an active (registered, unfenced) ISR member. Unclean, only with
 * unclean.leader.election.enable and no clean candidate: any active replica, which becomes the whole
 * ISR (rules 16-17, KIP-704). Kafka takes the first eligible replica in assignment order; since the
 * assignment order can be any permutation, the model lets the controller pick any eligible replica.
 */
import { writePartitionChange } from '../controller.js';
import { forfeitMissing, witness } from '../ghost.js';
import type { BrokerId } from '../types.js';
import { b, perReplica, type PartitionActionSpec } from './action.js';

export interface ControllerElectLeader {
  readonly kind: 'controllerElectLeader';
  readonly broker: BrokerId;
}

export const controllerElectLeader: PartitionActionSpec<ControllerElectLeader> = {
  kind: 'controllerElectLeader',
  scope: 'partition',
  doc: {
    who: 'controller',
    what: 'elects a leader for a leaderless partition: an active ISR member, or (unclean) any active replica',
    source: 'PartitionChangeBuilder; KIP-704; Kafka docs: unclean.leader.election.enable',
  },
  params: { broker: { type: 'broker', doc: 'the replica elected' } },
  candidates: perReplica('controllerElectLeader'),
  refusal(at, { broker }) {
    const leader = at.partition.record.leader;
    if (leader !== null) return `the partition already has leader ${b(leader)}`;
    const candidates = at.rules.era.electionCandidates(at);
    if (candidates.some((candidate) => candidate.broker === broker)) return null;
    return candidates.length === 0
      ? 'no replica is eligible (an unclean election would be needed, or every candidate is fenced)'
      : `${b(broker)} is not eligible (eligible: ${candidates.map((c) => b(c.broker)).join(', ')})`;
  },
  apply(at, { broker }) {
    const candidate = at.rules.era.electionCandidates(at).find((c) => c.broker === broker);
    if (candidate === undefined) return;
    writePartitionChange(at, { ...candidate.change, lastKnownLeader: null });
    at.partition.ghost.cleanLeader = !candidate.unclean;
    if (!candidate.unclean) return;
    witness(at, 'uncleanElection');
    forfeitMissing(at, broker);
  },
};
