/**
 * Progress on stderr while a command works: on a terminal, a bar with an ETA where the total is known
 * (runs, shrink candidates, rows) and a running count with its rate where it is not (states of a
 * breadth-first search, minimising); elsewhere (a pipe, CI) plain lines every few seconds.
 */
import { SingleBar } from 'cli-progress';

export interface Tracker {
  /** `done` of `total` (null: unknown), with a short note (rates, the phase's own figures). */
  update(done: number, total: number | null, note: string): void;
  /** Ends the phase, clearing its bar. */
  stop(): void;
}

const PLAIN_EVERY_MS = 5000;

const count = (n: number): string => n.toLocaleString('en-US');

/** A tracker for one phase of work (`searching`, `shrinking`, `minimising`, ...). */
export function tracker(phase: string, stream: NodeJS.WriteStream = process.stderr): Tracker {
  if (stream.isTTY !== true) {
    let last = 0;
    return {
      update(done, total, note) {
        const now = Date.now();
        if (now - last < PLAIN_EVERY_MS) return;
        last = now;
        stream.write(`  ${phase}: ${count(done)}${total === null ? '' : `/${count(total)}`}${note === '' ? '' : `, ${note}`}\n`);
      },
      stop() {},
    };
  }
  let bar: SingleBar | null = null;
  let unknownTotal = false;
  return {
    update(done, total, note) {
      if (bar === null) {
        unknownTotal = total === null;
        const format = unknownTotal ? `${phase} {value} | {note}` : `${phase} {bar} {value}/{total} | eta {eta_formatted} | {note}`;
        bar = new SingleBar({ format, stream, clearOnComplete: true, hideCursor: true, etaBuffer: 20 });
        bar.start(total ?? 0, done, { note });
        return;
      }
      if (!unknownTotal && total !== null) bar.setTotal(total);
      bar.update(done, { note });
    },
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}
