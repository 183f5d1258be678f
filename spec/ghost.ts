/**
 * Ghost bookkeeping: what the properties need to know about the history. Effects write it; no
 * protocol guard reads it.
 */
import type { Draft } from 'immer';
import type { BrokerId, Offset, ProduceError, State, WitnessEvents } from './types.js';

export function acknowledge(draft: Draft<State>, id: number, offset: Offset | null): void {
  const attempt = draft.ghost.attempts[id];
  if (attempt === undefined) throw new Error(`no produce attempt ${id}`);
  draft.ghost.attempts[id] = { id, acks: attempt.acks, broker: attempt.broker, status: 'acknowledged', offset };
}

export function fail(draft: Draft<State>, id: number, error: ProduceError): void {
  const attempt = draft.ghost.attempts[id];
  if (attempt === undefined) throw new Error(`no produce attempt ${id}`);
  draft.ghost.attempts[id] = { id, acks: attempt.acks, broker: attempt.broker, status: 'failed', error };
}

export function witness(draft: Draft<State>, event: keyof WitnessEvents): void {
  if (!draft.ghost.events[event]) draft.ghost.events[event] = true;
}

/** Records what a leader exposed to consumers when its HW moved from `from` to `to`. */
export function expose(draft: Draft<State>, leader: BrokerId, to: Offset): void {
  const log = draft.brokers[leader]?.log ?? [];
  const exposed = draft.ghost.exposed;
  for (let offset = exposed.length; offset < to; offset++) {
    const record = log.find((r) => r.offset === offset);
    if (record !== undefined) exposed.push(record);
  }
}

/** Notes an ISR change for the shrink and shrink-then-re-expand witnesses. */
export function recordIsrChange(draft: Draft<State>, before: readonly BrokerId[], after: readonly BrokerId[]): void {
  const shrunk = draft.ghost.shrunk;
  for (const removed of before.filter((member) => !after.includes(member))) {
    witness(draft, 'isrShrink');
    if (!shrunk.includes(removed)) shrunk.push(removed);
  }
  if (after.some((member) => !before.includes(member) && shrunk.includes(member))) witness(draft, 'isrReexpand');
}
