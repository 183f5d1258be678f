/**
 * The fingerprint table: a fingerprint is new once, whatever the table's size; a table one thread owns
 * grows past its first 2^18 slots without losing or duplicating a fingerprint.
 */
import { describe, expect, it } from 'vitest';
import { StateTable } from '../../model/explore/state-table.js';

/** Distinct 64-bit fingerprints, spread like hashes (a multiplicative sequence in both halves). */
const fingerprints = (count: number): (readonly [number, number])[] =>
  Array.from({ length: count }, (_, i) => [Math.imul(i + 1, 0x9e3779b1), Math.imul(i + 7, 0x85ebca77)] as const);

describe('the state table', () => {
  it.each([
    ['shared, at its final size', () => StateTable.create(400_000)],
    ['growing, from 2^18 slots', () => StateTable.growing()],
  ] as const)('%s: every fingerprint is new once', (_, make) => {
    const table = make();
    const all = fingerprints(300_000);
    expect(all.every((fingerprint) => table.add(fingerprint))).toBe(true);
    expect(table.size).toBe(300_000);
    expect(all.some((fingerprint) => table.add(fingerprint))).toBe(false);
    expect(table.add([1, 2])).toBe(true);
    expect(table.size).toBe(300_001);
    expect(table.full).toBe(false);
  });

  it('grows: 300,000 fingerprints need more than its first 2^18 slots', () => {
    const table = StateTable.growing();
    const first = table.buffer.byteLength;
    for (const fingerprint of fingerprints(300_000)) table.add(fingerprint);
    expect(table.buffer.byteLength).toBeGreaterThan(first * 2);
  });
});
