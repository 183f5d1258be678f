import type { Invariant } from './invariant.js';
import { dataPartition } from '../spec/cluster.js';
import { DATA_PARTITION, type Config } from '../spec/config.js';
import { holdsRecord, recordAt } from '../spec/log.js';
import type { BrokerId, LogRecord, Partition, Replica, State } from '../spec/types.js';
import { lastReplicaStanding, uncleanElection, type Judgement, type LostCopy, type UncleanElection } from './judgement.js';
import { describeRecord, holds, presumedLeaders } from './leader.js';

/** A record below a presumed leader's HW that a member of the controller's ISR does not hold. */
export interface IsrGap {
  readonly presumer: Replica;
  readonly member: Replica;
  readonly record: LogRecord;
}

/** Whether the controller could make the broker lead now: it is running and its registration unfenced. */
function electable(state: State, broker: BrokerId): boolean {
  return state.brokers[broker]?.status === 'running' && state.controller.registrations[broker]?.fenced === false;
}

/**
 * The first gap: for each replica that presumes it leads (`presumedLeaders`), each electable member of
 * the controller's ISR, and each offset below the presumer's HW that both logs still keep (retention
 * may delete committed records), the member holds the presumer's record there. Only a member the
 * controller could elect now is asked: one that is down serves nothing until it restarts (after a
 * process crash its log is whole; after a power loss the controller fences it before it is back), and
 * a restarted broker stays fenced, so not electable, until it has caught up (rules 5, 15, 19).
 */
export function firstIsrGap(state: State, partition: Partition): IsrGap | null {
  for (const presumer of presumedLeaders(state, partition)) {
    for (const id of partition.record.isr) {
      const member = partition.replicas[id];
      if (member === undefined || member === presumer || !electable(state, id)) continue;
      for (let offset = Math.max(presumer.logStartOffset, member.logStartOffset); offset < presumer.hw; offset++) {
        const record = recordAt(presumer, offset);
        if (record !== undefined && !holdsRecord(member, record)) return { presumer, member, record };
      }
    }
  }
  return null;
}

/**
 * strong-isr: the StrongIsr property of the public TLA+ specification of Kafka's replication
 * (hachikuji/kafka-specification): every record below the HW of a replica that presumes leadership is
 * held, at its offset, by every member of the controller's ISR. A record a consumer may read from any
 * presumed leader is then on whichever ISR member the controller elects next.
 */
export const strongIsr: Invariant = {
  name: 'strong-isr',
  kind: 'safety',
  statement: 'Every record below the HW of a replica that presumes it leads is held by every member of the controller’s ISR.',
  source: 'TLA+ specification of Kafka replication (hachikuji/kafka-specification), StrongIsr; KIP-101; KIP-320',
  promised: 'durability',
  brokenBy: ['hw-truncation era (a restarted follower truncates to its HW checkpoint and stays in the ISR)', 'KAFKA-7128 removed', 'a replaced disk (ZooKeeper eras: KAFKA-1120; KRaft: the last ISR member)', 'unclean election'],
  check(state) {
    const partition = dataPartition(state);
    const gap = firstIsrGap(state, partition);
    if (gap === null) return null;
    const { presumer, member, record } = gap;
    return (
      `b${presumer.broker} presumes it leads (HW ${presumer.hw}) and holds ${describeRecord(record)}, but b${member.broker}, ` +
      `in the controller's ISR [${partition.record.isr.join(', ')}], holds ${holds(member, record.offset)}`
    );
  },
  judge: judgeGap,
};

/**
 * A gap, judged by what made it, as a missing record is (judgement.ts): an unclean election (Kafka
 * promises nothing past a leader from outside the ISR); a power loss or replaced disk that took the
 * member's copy, allowed when no in-sync replica kept the record ("last replica standing", and under
 * KIP-966 only after min.insync.replicas unclean shutdowns). Any other gap is a broken promise: the next
 * clean election may pick that member, and the record is gone.
 */
function judgeGap(config: Config, state: State): Judgement {
  const partition = dataPartition(state);
  const gap = firstIsrGap(state, partition);
  if (gap === null) return { judged: 'allowed', reason: 'no ISR member lacks a record below a presumed leader’s HW' };
  const { id, offset } = gap.record;
  const w = `w${id}@${offset}`;
  const about = (excuse?: UncleanElection | LostCopy) => ({ partition: DATA_PARTITION, id, ...(excuse === undefined ? {} : { excuse }) });
  const excuses = partition.ghost.excuses.filter((excuse) => excuse.id === id);
  const unclean = excuses.find((excuse): excuse is UncleanElection => excuse.cause === 'unclean-election');
  if (unclean !== undefined) return { ...uncleanElection(unclean, w), record: about(unclean) };
  const lost = excuses.find((excuse): excuse is LostCopy => excuse.cause !== 'unclean-election' && excuse.broker === gap.member.broker);
  if (lost !== undefined) return { ...lastReplicaStanding(config, partition, gap.record, w, lost, `b${gap.member.broker}`), record: about(lost) };
  return {
    judged: 'broken',
    reason: `${w}, below b${gap.presumer.broker}'s HW, is missing from b${gap.member.broker} in the ISR with no unclean election and no power loss taking it`,
    record: about(),
  };
}
