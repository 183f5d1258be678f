/**
 * How busy the machine was with other work while a phase ran: the CPU time every process used
 * (/proc/stat, Linux only) minus this process's own (every thread), over the phase's wall time. A core
 * kept busy by something else halves a 2-core speed-up, so every figure is read next to this one.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/stat (USER_HZ). */
function ticksPerSecond(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()) || 100;
  } catch {
    return 100;
  }
}

const HZ = ticksPerSecond();

/** CPU milliseconds every process has used since boot, or null where /proc/stat is not available. */
function machineBusyMs(): number | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const [label, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/);
    if (label !== 'cpu') return null;
    const ticks = [user, nice, system, irq, softirq, steal].reduce((sum, field) => sum + Number(field ?? 0), 0);
    return (ticks * 1000) / HZ;
  } catch {
    return null;
  }
}

function ownCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

export interface Load {
  readonly wallMs: number;
  /** Cores this process kept busy on average (all its threads). */
  readonly ownCores: number;
  /** Cores other processes kept busy on average; null where it cannot be measured. */
  readonly otherCores: number | null;
}

/** Starts measuring; the returned function ends the measurement. */
export function loadMeter(): () => Load {
  const wall = Date.now();
  const busy = machineBusyMs();
  const own = ownCpuMs();
  return () => {
    const wallMs = Math.max(Date.now() - wall, 1);
    const busyNow = machineBusyMs();
    const ownMs = ownCpuMs() - own;
    const round = (n: number): number => Math.round(n * 100) / 100;
    return {
      wallMs,
      ownCores: round(ownMs / wallMs),
      otherCores: busy === null || busyNow === null ? null : round(Math.max(0, busyNow - busy - ownMs) / wallMs),
    };
  };
}
