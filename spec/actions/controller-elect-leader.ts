/**
 * controllerElectLeader: the controller elects a leader for the leaderless partition.
 *
 * Clean: an active (registered, unfenced) ISR member. Unclean, only with
 * unclean.leader.election.enable and no clean candidate: any active replica, which becomes the whole
 * ISR (rules 16-17, KIP-704). Kafka takes the first eligible replica in assignment order; since the
 * assignment order can be any permutation, the model lets the controller pick any eligible replica.
 */
import { writePartitionChange } from '../controller.js';
import { eraOf } from '../eras/index.js';
import { forfeitMissing, witness } from '../ghost.js';
import type { BrokerId } from '../types.js';
import { b, perReplica, type ActionSpec } from './action.js';

export interface ControllerElectLeader {
  readonly kind: 'controllerElectLeader';
  readonly broker: BrokerId;
}

export const controllerElectLeader: ActionSpec<ControllerElectLeader> = {
  kind: 'controllerElectLeader',
  scope: 'partition',
  doc: {
    who: 'controller',
    what: 'elects a leader for a leaderless partition: an active ISR member, or (unclean) any active replica',
    source: 'PartitionChangeBuilder; KIP-704; Kafka docs: unclean.leader.election.enable',
  },
  params: { broker: { type: 'broker', doc: 'the replica elected' } },
  candidates: perReplica('controllerElectLeader'),
  refusal(state, { broker }) {
    const leader = state.controller.partition.leader;
    if (leader !== null) return `the partition already has leader ${b(leader)}`;
    const candidates = eraOf(state.config).electionCandidates(state);
    if (candidates.some((candidate) => candidate.broker === broker)) return null;
    return candidates.length === 0
      ? 'no replica is eligible (an unclean election would be needed, or every candidate is fenced)'
      : `${b(broker)} is not eligible (eligible: ${candidates.map((c) => b(c.broker)).join(', ')})`;
  },
  apply(draft, { broker }) {
    const candidate = eraOf(draft.config).electionCandidates(draft).find((c) => c.broker === broker);
    if (candidate === undefined) return;
    writePartitionChange(draft, { ...candidate.change, lastKnownLeader: null });
    draft.ghost.cleanLeader = !candidate.unclean;
    if (!candidate.unclean) return;
    witness(draft, 'uncleanElection');
    forfeitMissing(draft, broker);
  },
};
