/**
 * brokerPowerLoss: the broker's machine loses power (or its OS crashes).
 *
 * Everything above the flushed offset was only in the page cache and is gone; log recovery keeps the
 * flushed prefix, and the leader-epoch cache is truncated to it (rule 21). The HW checkpoint file, being
 * fsynced when written, survives. Several brokers losing power together are several steps in a row.
 */
import { stopBroker } from '../broker.js';
import { countUncleanShutdown } from '../controller.js';
import { truncateTo } from '../log.js';
import type { BrokerId } from '../types.js';
import { budgetLeft, perReplica, runningReplica, type ActionSpec } from './action.js';

export interface BrokerPowerLoss {
  readonly kind: 'brokerPowerLoss';
  readonly broker: BrokerId;
}

export const brokerPowerLoss: ActionSpec<BrokerPowerLoss> = {
  kind: 'brokerPowerLoss',
  scope: 'broker',
  doc: {
    who: 'broker',
    what: 'loses power: the unflushed page cache is gone, the log keeps only its flushed prefix',
    source: 'KAFKA-RULES.md rule 21; Kafka docs: "Log Flush Policy"',
  },
  params: { broker: { type: 'broker', doc: 'the broker losing power' } },
  candidates: perReplica('brokerPowerLoss'),
  refusal: (state, { broker }) => budgetLeft(state, 'powerLosses') ?? runningReplica(state, broker),
  apply(draft, { broker }) {
    const target = draft.brokers[broker];
    if (target === undefined) return;
    draft.budget.powerLosses += 1;
    truncateTo(target, target.flushed);
    target.lostPower = true;
    countUncleanShutdown(draft, broker);
    stopBroker(draft, broker);
  },
};
