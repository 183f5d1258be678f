/**
 * Structural sharing for the states the explorer keeps. `applyEnabled` returns a fresh copy of every
 * container (spec/clone.ts); a successor usually differs from its parent in a few fields, so before it
 * joins the frontier every part equal to the parent's is replaced by the parent's own object. The
 * frontier then costs what changed, as immer's drafts did, rather than a whole state per entry.
 */

type Tree = Readonly<Record<string, unknown>> | readonly unknown[];

function isTree(value: unknown): value is Tree {
  return typeof value === 'object' && value !== null;
}

function sameKeys(next: Readonly<Record<string, unknown>>, prev: Readonly<Record<string, unknown>>): boolean {
  let count = 0;
  for (const key in next) {
    if (!(key in prev)) return false;
    count += 1;
  }
  for (const _ in prev) count -= 1;
  return count === 0;
}

/**
 * `next` with every part structurally equal to the part of `prev` at the same place replaced by that
 * part; `prev` itself when the two are equal. Neither argument is modified: a part that differs and
 * holds shared parts is copied shallowly.
 */
export function shareWith<T>(next: T, prev: T): T {
  if (next === prev || !isTree(next) || !isTree(prev) || Array.isArray(next) !== Array.isArray(prev)) return next;
  if (Array.isArray(next)) {
    const before = prev as readonly unknown[];
    const shared = next.map((item: unknown, i) => (i < before.length ? shareWith(item, before[i]) : item));
    if (shared.length === before.length && shared.every((item, i) => item === before[i])) return prev;
    return (shared.every((item, i) => item === next[i]) ? next : shared) as T;
  }
  const after = next as Readonly<Record<string, unknown>>;
  const before = prev as Readonly<Record<string, unknown>>;
  let equal = sameKeys(after, before);
  let copy: Record<string, unknown> | null = null;
  for (const key in after) {
    const value = after[key];
    const shared = key in before ? shareWith(value, before[key]) : value;
    if (shared !== before[key]) equal = false;
    if (shared !== value) {
      copy ??= { ...after };
      copy[key] = shared;
    }
  }
  return equal ? prev : ((copy ?? after) as T);
}
