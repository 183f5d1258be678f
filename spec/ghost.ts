/**
 * Ghost bookkeeping: what the properties need to know about the history. Effects write it; no
 * protocol guard reads it.
 */
import type { Draft } from 'immer';
import type { BrokerId, Offset, ProduceError, PartitionState, WitnessEvents } from './types.js';

export function acknowledge(draft: Draft<PartitionState>, id: number, offset: Offset | null): void {
  const attempt = draft.ghost.attempts[id];
  if (attempt === undefined) throw new Error(`no produce attempt ${id}`);
  draft.ghost.attempts[id] = { id, acks: attempt.acks, broker: attempt.broker, status: 'acknowledged', offset };
}

export function fail(draft: Draft<PartitionState>, id: number, error: ProduceError): void {
  const attempt = draft.ghost.attempts[id];
  if (attempt === undefined) throw new Error(`no produce attempt ${id}`);
  draft.ghost.attempts[id] = { id, acks: attempt.acks, broker: attempt.broker, status: 'failed', error };
}

export function witness(draft: Draft<PartitionState>, event: keyof WitnessEvents): void {
  if (!draft.ghost.events[event]) draft.ghost.events[event] = true;
}

/** Records what a leader exposes to consumers once its HW is `hw`: every record below it, once. */
export function expose(draft: Draft<PartitionState>, leader: BrokerId, hw: Offset): void {
  const exposed = draft.ghost.exposed;
  for (const record of draft.brokers[leader]?.log ?? []) {
    if (record.offset >= hw) break;
    if (!exposed.some((seen) => seen.id === record.id && seen.offset === record.offset)) exposed.push({ ...record });
  }
}

/** An unclean election forfeits the exposed records its new leader lacks (leader-completeness). */
export function forfeitMissing(draft: Draft<PartitionState>, leader: BrokerId): void {
  const log = draft.brokers[leader]?.log ?? [];
  for (const record of draft.ghost.exposed) {
    const held = log.some((r) => r.offset === record.offset && r.id === record.id);
    if (!held && !draft.ghost.forfeited.includes(record.id)) draft.ghost.forfeited.push(record.id);
  }
}

/** Notes an ISR change for the shrink and shrink-then-re-expand witnesses. */
export function recordIsrChange(draft: Draft<PartitionState>, before: readonly BrokerId[], after: readonly BrokerId[]): void {
  const shrunk = draft.ghost.shrunk;
  for (const removed of before.filter((member) => !after.includes(member))) {
    witness(draft, 'isrShrink');
    if (!shrunk.includes(removed)) shrunk.push(removed);
  }
  if (after.some((member) => !before.includes(member) && shrunk.includes(member))) witness(draft, 'isrReexpand');
}
