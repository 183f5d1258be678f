/**
 * controllerElectLeader: the controller elects a leader for the leaderless partition.
 *
 * Clean: an active (registered, unfenced) ISR member. Unclean, only with
 * unclean.leader.election.enable where the era honours it and no clean candidate: any active replica,
 * which becomes the whole ISR (rules 16-17, 25, KIP-704). Kafka takes the first eligible replica in
 * assignment order; since the assignment order can be any permutation, the model lets the controller
 * pick any eligible replica.
 */
import { writePartitionChange } from '../controller.js';
import { forfeitMissing, witness } from '../ghost.js';
import type { Candidate, DraftPartitionSite, PartitionSite } from '../rules.js';
import type { BrokerId, UncleanCause } from '../types.js';
import { b, replicasWhere, type PartitionActionSpec } from './action.js';

export interface ControllerElectLeader {
  readonly kind: 'controllerElectLeader';
  readonly broker: BrokerId;
}

/** What lets the controller elect outside the ISR by itself: the unclean flag, where the era honours it. */
function uncleanByController(at: PartitionSite): UncleanCause | null {
  return at.rules.era.honoursUncleanFlag && at.rules.config.uncleanLeaderElection ? 'flag' : null;
}

/** The partition has no leader (its record names none): what an election needs first (`electionRefusal`). */
const leaderless = (at: PartitionSite): boolean => at.partition.record.leader === null;

/** Why `broker` cannot be elected now with `unclean` permitting (or not) a pick outside the ISR; null if it can. */
export function electionRefusal(at: PartitionSite, broker: BrokerId, unclean: UncleanCause | null): string | null {
  const leader = at.partition.record.leader;
  if (leader !== null) return `the partition already has leader ${b(leader)}`;
  const candidates = at.rules.era.electionCandidates(at, unclean);
  if (candidates.some((candidate) => candidate.broker === broker)) return null;
  if (candidates.length > 0) return `${b(broker)} is not eligible (eligible: ${candidates.map((c) => b(c.broker)).join(', ')})`;
  return unclean === null ? 'no replica is eligible (an unclean election would be needed, or every candidate is fenced)' : 'no replica is active (each is down or fenced)';
}

/** Elects `broker` from the candidates `unclean` permits; an unclean pick forfeits what its leader lacks. */
export function elect(at: DraftPartitionSite, broker: BrokerId, unclean: UncleanCause | null): void {
  const candidate: Candidate | undefined = at.rules.era.electionCandidates(at, unclean).find((c) => c.broker === broker);
  if (candidate === undefined) return;
  writePartitionChange(at, { ...candidate.change, lastKnownLeader: null });
  at.partition.ghost.uncleanLeader = candidate.unclean;
  if (candidate.unclean === null) return;
  witness(at, 'uncleanElection');
  forfeitMissing(at, broker, candidate.unclean);
}

export const controllerElectLeader: PartitionActionSpec<ControllerElectLeader> = {
  kind: 'controllerElectLeader',
  scope: 'partition',
  doc: {
    who: 'controller',
    what: 'elects a leader for a leaderless partition: an active ISR member, or (unclean, where the era honours the flag) any active replica',
    source: 'PartitionChangeBuilder; KIP-704; Kafka docs: unclean.leader.election.enable; KAFKA-12670',
  },
  params: { broker: { type: 'broker', doc: 'the replica elected' } },
  candidates: replicasWhere(leaderless, (broker) => ({ kind: 'controllerElectLeader', broker })),
  refusal: (at, { broker }) => electionRefusal(at, broker, uncleanByController(at)),
  apply: (at, { broker }) => elect(at, broker, uncleanByController(at)),
};
