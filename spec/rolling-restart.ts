/**
 * An operator's rolling restart (`--scenario rolling-restart`): every broker in turn shuts down cleanly
 * and starts again, the next one only once the previous one is running, and, as operators are told to
 * (Kafka's docs, "Upgrading": wait for under-replicated partitions to be 0), only once every ISR is
 * whole again when `waitForIsr` is set. The order of brokers and everything between the shutdowns is
 * left to the run.
 */
import type { Site } from './rules.js';
import type { BrokerId } from './types.js';

const b = (broker: BrokerId): string => `b${broker}`;

/** Why the roll does not shut `broker` down now, or null when it may (always null outside a roll). */
export function rollRefusal(at: Site, broker: BrokerId): string | null {
  const roll = at.state.rollingRestart;
  if (roll === null) return null;
  if (roll.rolled.includes(broker)) return `the rolling restart already restarted ${b(broker)}`;
  const stopped = roll.rolled.find((id) => at.state.brokers[id]?.status !== 'running');
  if (stopped !== undefined) return `the rolling restart waits for ${b(stopped)} to start again`;
  if (!at.state.config.waitForIsr) return null;
  const underReplicated = Object.entries(at.state.partitions).find(([, p]) => p.assignment.some((id) => !p.record.isr.includes(id)));
  return underReplicated === undefined ? null : `the rolling restart waits for ${underReplicated[0]}'s ISR to be whole`;
}
