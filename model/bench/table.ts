/** Plain-text tables and number formatting for the bench's human-readable output. */

export type Cell = string | number;

const NUMBER = /^[-+]?[\d,.]+(?:\s?[a-zµ%x/]+)?$|^n\/a$|^-$/i;

/** Columns padded to their widest cell; cells that read as numbers are right-aligned. */
export function table(headers: readonly string[], rows: readonly (readonly Cell[])[]): string[] {
  const text = rows.map((row) => headers.map((_, i) => String(row[i] ?? '')));
  const widths = headers.map((h, i) => Math.max(h.length, ...text.map((row) => (row[i] ?? '').length)));
  const right = headers.map((_, i) => text.length > 0 && text.every((row) => NUMBER.test(row[i] ?? '')));
  const line = (cells: readonly string[]): string =>
    cells.map((cell, i) => (right[i] === true ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...text.map(line)];
}

/** An integer with thousands separators. */
export function int(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** A number with `digits` decimals and thousands separators. */
export function fixed(n: number, digits: number): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function seconds(ms: number): string {
  return `${fixed(ms / 1000, ms < 10_000 ? 2 : 1)} s`;
}

export function mebibytes(bytes: number): string {
  return `${fixed(bytes / 2 ** 20, 0)} MiB`;
}

/** Per second, guarding against a zero duration. */
export function perSecond(count: number, ms: number): number {
  return count / Math.max(ms / 1000, 0.001);
}

export function heading(title: string): string[] {
  return ['', title, '='.repeat(title.length)];
}
