import { OFFSETS_PARTITION } from '../spec/config.js';
import type { Invariant } from './invariant.js';

/**
 * offsets-never-regress: a consumer never resumes below its latest acknowledged commit. A commit is an
 * acks=all write to `__consumer_offsets`, so Kafka promises it exactly as it promises such a write to
 * that partition: its violation is judged by what happened to that partition's records.
 */
export const offsetsNeverRegress: Invariant = {
  name: 'offsets-never-regress',
  kind: 'safety',
  statement: 'A consumer that resumes (after a restart or rebalance) never starts below its latest acknowledged commit.',
  source: 'Kafka docs, "Replication" and offsets.topic.replication.factor; KIP-447 (stable offset fetch)',
  promised: 'durability',
  brokenBy: ['offsets.topic.replication.factor=1 with a power loss', 'min.insync.replicas=1 on the offsets partition with unclean election'],
  check(state) {
    const jump = state.consumer?.jumps.find((j) => j.acknowledged !== null && j.to < j.acknowledged);
    if (jump === undefined || jump.acknowledged === null) return null;
    const how = jump.cause === 'resume' ? 'from an older commit' : `by auto.offset.reset (${jump.cause.slice(6)}), finding no commit`;
    return (
      `the consumer resumed at offset ${jump.to} ${how}, below its acknowledged commit ${jump.acknowledged}: ` +
      `records ${jump.to}..${jump.acknowledged - 1} are processed again`
    );
  },
  partition: OFFSETS_PARTITION,
};
