/**
 * brokerReplaceDisk: a broker starts again with every log directory empty and the same broker id (a
 * replaced disk, a lost volume, a wiped container). A running broker first halts (its only log
 * directory failed); a stopped one simply comes back on the new disk.
 *
 * Nothing on the broker detects the empty disk (rule 32): ZooKeeper controllers never ask, and KRaft's
 * directory ids (KIP-858, 3.7) refuse a replica on a new directory as leader only until the broker
 * reports it. What the return means for the ISR is the era's restart seam (rule 27): a ZooKeeper
 * controller that missed the bounce keeps it in the ISR (KAFKA-1120, fixed in 2.2 by KAFKA-7235, after
 * every ZooKeeper era here); KRaft fences the old incarnation, which leaves the ISR unless it is the last
 * member; KIP-966 finds no clean-shutdown marker (it lived on the lost disk) and takes it out of ISR
 * and ELR. For the judgement it is an unclean shutdown that lost everything. Budgeted (`diskLosses`).
 * It stops and starts the broker in one step and reads neither the flushed offset nor the HW checkpoint
 * it wipes, so its budget is not one of STOPPING_BUDGETS.
 */
import { castDraft } from 'immer';
import { stopBroker } from '../broker.js';
import { hostedSites, hostsAny } from '../cluster.js';
import { countUncleanShutdown } from '../controller.js';
import { noteLostCopies, witness } from '../ghost.js';
import { emptyReplica } from '../log.js';
import type { BrokerId } from '../types.js';
import { b, perHost, type ClusterActionSpec } from './action.js';
import { rebootRefusal, startBroker } from './broker-restart.js';

export interface BrokerReplaceDisk {
  readonly kind: 'brokerReplaceDisk';
  readonly broker: BrokerId;
}

export const brokerReplaceDisk: ClusterActionSpec<BrokerReplaceDisk> = {
  kind: 'brokerReplaceDisk',
  scope: 'broker',
  doc: {
    who: 'broker',
    what: 'starts again on a replaced disk: every log empty, the same broker id (a running broker halts first)',
    source: 'KAFKA-RULES.md rules 27, 32; KAFKA-1120; KIP-858; KIP-966',
  },
  params: { broker: { type: 'broker', doc: 'the broker whose disk is replaced' } },
  candidates: perHost('brokerReplaceDisk'),
  budget: 'diskLosses',
  refusal(at, { broker }) {
    const target = at.state.brokers[broker];
    if (target === undefined || !hostsAny(at.state, broker)) return `${b(broker)} hosts no replica`;
    return target.status === 'down' ? rebootRefusal(at, broker) : null;
  },
  apply(at, { broker }) {
    const target = at.state.brokers[broker];
    if (target === undefined) return;
    at.state.budget.diskLosses += 1;
    const sites = hostedSites(at, broker);
    // An unclean shutdown (rule 22), unless the broker already stopped uncleanly: a halt now, or the
    // clean-shutdown marker lost with the disk.
    if (target.status === 'running' || target.cleanShutdownEpoch !== null) for (const site of sites) countUncleanShutdown(site);
    if (target.status === 'running') stopBroker(at, broker);
    for (const site of sites) {
      const replica = site.partition.replicas[broker];
      if (replica === undefined) continue;
      const before = replica.log.map(({ offset, id }) => ({ offset, id }));
      // An empty log directory: no segments, no leader-epoch cache, no checkpoint files.
      site.partition.replicas[broker] = castDraft(emptyReplica(broker));
      noteLostCopies(site, broker, before, 'disk-loss');
      witness(site, 'emptyLogReturned');
    }
    target.cleanShutdownEpoch = null;
    startBroker(at, broker);
  },
};
