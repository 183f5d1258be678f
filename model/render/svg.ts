/**
 * A trace as a picture (plain SVG, no layout engine needed: the layout is a grid). One lane per
 * replica (and, with a consumer, per `__consumer_offsets` replica), one column per state: the initial
 * one, then one per step. Each cell shows the replica's log as offset boxes coloured by the leader
 * epoch they were written in, its HW (a blue bar after the last record below it), its flushed prefix (a
 * green line under the boxes), records deleted by retention (dashed), and whether it leads, is down,
 * lost power or is fenced. Column heads name the step, coloured by what kind of event it is (faults
 * red, elections and ISR changes purple). The column where an invariant first fails is framed in red,
 * and the records its message names are outlined in red there.
 */
import type { Action, ActionKind } from '../../spec/actions/index.js';
import { DATA_PARTITION, OFFSETS_PARTITION } from '../../spec/config.js';
import { logEndOffset } from '../../spec/log.js';
import type { BrokerId, PartitionName, Replica, State } from '../../spec/types.js';
import { dataPartition } from '../../spec/cluster.js';
import type { ReplayResult } from '../trace/replay.js';
import type { Trace } from '../trace/trace.js';

/**
 * The longest trace drawn: a picture grows by a column per step, and past this many it is too wide to
 * look at and, a few times longer, too large for a string. `replay --svg` and `view` refuse longer ones.
 */
export const MAX_PICTURE_STEPS = 2000;

const BOX = 16;
const GAP = 2;
const LANE = 34;
const HEAD = 130;
const LABEL = 150;
const EPOCH_COLOURS = ['#cfe8ff', '#ffe3b3', '#d8f5d0', '#f3d1f4', '#fff5a8', '#d1f2f0', '#ffd1d1', '#e2dcff'];

/** Short names of the steps, and what kind of event each is (how its column head is coloured). */
const STEP_NAMES: Readonly<Record<ActionKind, readonly [string, 'fault' | 'control' | 'data']>> = {
  producerSend: ['send', 'data'],
  leaderServeFetch: ['serve fetch', 'data'],
  followerApplyFetch: ['apply fetch', 'data'],
  leaderServeOffsetsForLeaderEpoch: ['serve epoch end', 'data'],
  followerApplyOffsetsForLeaderEpoch: ['truncate to epoch end', 'data'],
  leaderShrinkIsr: ['shrink ISR', 'fault'],
  controllerHandleAlterPartition: ['AlterPartition', 'control'],
  leaderHandleAlterPartitionResponse: ['AlterPartition answer', 'control'],
  controllerElectLeader: ['elect', 'control'],
  adminElectLeaders: ['operator elects (unclean)', 'fault'],
  brokerApplyMetadata: ['metadata', 'control'],
  brokerCheckpointHw: ['checkpoint HW', 'data'],
  brokerFlush: ['fsync', 'data'],
  brokerShutdown: ['shutdown', 'fault'],
  brokerCrash: ['crash', 'fault'],
  brokerPowerLoss: ['power loss', 'fault'],
  brokerRestart: ['restart', 'control'],
  controllerFenceBroker: ['fence', 'fault'],
  controllerUnfenceBroker: ['unfence', 'control'],
  brokerDeleteSegments: ['retention', 'fault'],
  consumerFetchOffset: ['consumer resumes', 'data'],
  consumerFetch: ['consumer reads', 'data'],
  consumerCommit: ['consumer commits', 'data'],
  consumerRestart: ['consumer restarts', 'fault'],
  consumerProcess: ['application processes', 'data'],
  controllerElectPreferredLeader: ['preferred leader election', 'control'],
  brokerReplaceDisk: ['replaced disk', 'fault'],
  adminAlterPartitionReassignments: ['operator reassigns', 'fault'],
  controllerCompleteReassignment: ['reassignment completes', 'control'],
  producerSendRequest: ['send', 'data'],
  leaderHandleProduce: ['append', 'data'],
  producerHandleResponse: ['answer', 'data'],
  producerRequestTimeout: ['request timeout', 'fault'],
  producerRetry: ['retry', 'data'],
  producerGiveUp: ['give up', 'data'],
};

const HEAD_COLOURS = { fault: '#c62828', control: '#6a1b9a', data: '#37474f' } as const;

/** Text made safe for XML and HTML content and attributes. */
export function escape(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/** `send b0`, `elect b1 (offsets)`. */
export function stepLabel(action: Action): string {
  const [name] = STEP_NAMES[action.kind];
  if ('adding' in action) return `${name} b${action.removing}→b${action.adding}`;
  const broker = 'broker' in action ? action.broker : 'follower' in action ? action.follower : 'leader' in action ? action.leader : null;
  const partition = action.partition === undefined ? '' : ` (${action.partition === OFFSETS_PARTITION ? 'offsets' : action.partition})`;
  return `${name}${broker === null ? '' : ` b${broker}`}${partition}`;
}

interface Lane {
  readonly label: string;
  readonly partition: PartitionName;
  readonly broker: BrokerId;
  readonly pick: (state: State) => Replica | null;
}

/**
 * One lane per replica of each partition the run ever had, the data partition first: the initial
 * assignment's in its order, then those a reassignment added, as they came.
 */
function lanes(states: readonly State[]): Lane[] {
  const seen: { partition: PartitionName; broker: BrokerId }[] = [];
  for (const state of states) {
    for (const [name, partition] of Object.entries(state.partitions) as [PartitionName, State['partitions'][PartitionName]][]) {
      for (const broker of partition?.assignment ?? []) if (!seen.some((lane) => lane.partition === name && lane.broker === broker)) seen.push({ partition: name, broker });
    }
  }
  return seen.map(({ partition, broker }) => ({
    label: partition === DATA_PARTITION ? `b${broker}` : `b${broker} ${partition}`,
    partition,
    broker,
    pick: (state: State) => state.partitions[partition]?.replicas[broker] ?? null,
  }));
}

/** The write ids a violation message names (`w3`), outlined where it is first reported. */
function named(message: string): Set<number> {
  return new Set([...message.matchAll(/\bw(\d+)\b/g)].map((match) => Number(match[1])));
}

function cell(x: number, y: number, state: State, replica: Replica, offsets: number, highlight: ReadonlySet<number>): string[] {
  const parts: string[] = [
    `<g class="replica"><title>b${replica.broker}: LEO ${logEndOffset(replica)}, HW ${replica.hw}, flushed ${replica.flushed}, log start ${replica.logStartOffset}</title>`,
  ];
  const registration = state.controller.registrations[replica.broker];
  const machine = state.brokers[replica.broker];
  const width = offsets * (BOX + GAP) + 34;
  const down = machine?.status === 'down';
  parts.push(`<rect x="${x}" y="${y}" width="${width}" height="${LANE - 6}" rx="3" fill="${down ? '#e0e0e0' : '#ffffff'}" stroke="${replica.leader !== null ? '#000' : '#bbb'}" stroke-width="${replica.leader !== null ? 2 : 1}"/>`);
  const tags = [replica.leader !== null ? 'L' : '', down ? (machine?.lostPower === true ? '⚡' : '✕') : '', registration?.fenced === true ? 'F' : ''].join('');
  parts.push(`<text x="${x + 3}" y="${y + 12}" font-size="10" fill="#333">${escape(tags)}</text>`);
  const left = x + 28;
  for (let offset = 0; offset < replica.logStartOffset && offset < offsets; offset++) {
    parts.push(`<rect class="expired" x="${left + offset * (BOX + GAP)}" y="${y + 3}" width="${BOX}" height="${BOX}" fill="none" stroke="#999" stroke-dasharray="2,2"/>`);
  }
  for (const record of replica.log) {
    const bx = left + record.offset * (BOX + GAP);
    const hot = highlight.has(record.id) && record.commit === undefined;
    const colour = EPOCH_COLOURS[record.epoch % EPOCH_COLOURS.length] ?? '#fff';
    parts.push(
      `<rect class="record${hot ? ' violated' : ''}" x="${bx}" y="${y + 3}" width="${BOX}" height="${BOX}" fill="${colour}" stroke="${hot ? '#d50000' : '#666'}" stroke-width="${hot ? 2.5 : 0.8}"><title>offset ${record.offset}, epoch ${record.epoch}, ${record.commit === undefined ? `write w${record.id}` : `commit of position ${record.commit.offset}${record.commit.leaderEpoch === null ? ' without an epoch' : ` at epoch ${record.commit.leaderEpoch}`}`}</title></rect>`,
      `<text x="${bx + BOX / 2}" y="${y + 14}" font-size="8" text-anchor="middle">${record.commit === undefined ? `w${record.id}` : `c${record.commit.offset}`}</text>`,
    );
  }
  const hwX = left + replica.hw * (BOX + GAP) - GAP / 2;
  parts.push(`<line class="hw" x1="${hwX}" y1="${y + 1}" x2="${hwX}" y2="${y + BOX + 5}" stroke="#1565c0" stroke-width="2.5"><title>HW ${replica.hw}</title></line>`);
  if (replica.flushed > 0) {
    parts.push(`<line class="flushed" x1="${left}" y1="${y + BOX + 6}" x2="${left + replica.flushed * (BOX + GAP) - GAP}" y2="${y + BOX + 6}" stroke="#2e7d32" stroke-width="2"><title>flushed to ${replica.flushed}</title></line>`);
  }
  parts.push('</g>');
  return parts;
}

/**
 * A record the violation names (`w3@1`) that the leader no longer holds at its offset: drawn as a red
 * dashed box on the leader's lane (the first lane when there is none), where it should be.
 */
function missing(x: number, state: State, message: string, rows: readonly Lane[]): string[] {
  const data = dataPartition(state);
  const lane = Math.max(0, rows.findIndex((row) => row.partition === DATA_PARTITION && row.broker === data.record.leader));
  const holder = rows[lane]?.pick(state) ?? undefined;
  return [...message.matchAll(/\bw(\d+)@(\d+)/g)].flatMap((match) => {
    const id = Number(match[1]);
    const offset = Number(match[2]);
    if (holder === undefined || holder.log.some((record) => record.offset === offset && record.id === id)) return [];
    const bx = x + 28 + offset * (BOX + GAP);
    const y = HEAD + lane * LANE + 3;
    return [
      `<rect class="violated missing" x="${bx}" y="${y}" width="${BOX}" height="${BOX}" fill="none" stroke="#d50000" stroke-width="2" stroke-dasharray="3,2"><title>w${id} should be at offset ${offset}</title></rect>`,
      `<text x="${bx + BOX / 2}" y="${y + BOX + 9}" font-size="8" text-anchor="middle" fill="#d50000">w${id}?</text>`,
    ];
  });
}

/** The SVG picture of a replayed trace. */
export function traceSvg(trace: Trace, result: ReplayResult): string {
  const states: State[] = [result.initial];
  for (const replayed of result.steps) {
    if (replayed.state === undefined) break;
    states.push(replayed.state);
  }
  const rows = lanes(states);
  const offsets = Math.max(
    1,
    ...states.flatMap((state) => rows.map((lane) => {
      const picked = lane.pick(state);
      return picked === null ? 0 : logEndOffset(picked);
    })),
  );
  const column = offsets * (BOX + GAP) + 44;
  const first = result.firstViolations[0];
  const violationColumn = first === undefined ? -1 : first.step + 1;
  const highlight = first === undefined ? new Set<number>() : named(first.message);
  const width = LABEL + states.length * column + 20;
  const legendY = HEAD + rows.length * LANE + 14;
  const height = legendY + 60 + (first === undefined ? 0 : 18);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">`,
    `<title>${escape(trace.story || 'trace')}</title>`,
    `<rect width="${width}" height="${height}" fill="#fafafa"/>`,
    `<text x="8" y="16" font-size="12" font-weight="bold">${escape(trace.story.length > 140 ? `${trace.story.slice(0, 137)}...` : trace.story)}</text>`,
  ];
  rows.forEach((lane, i) => {
    parts.push(`<text class="lane" x="8" y="${HEAD + i * LANE + 17}" font-size="11">${escape(lane.label)}</text>`);
  });
  states.forEach((state, c) => {
    const x = LABEL + c * column;
    const action = c === 0 ? null : result.steps[c - 1]?.action ?? null;
    const [, kind] = action === null ? ['', 'data' as const] : STEP_NAMES[action.kind];
    const label = action === null ? 'initial' : `${c - 1}: ${stepLabel(action)}`;
    parts.push(`<text class="step" x="${x + 6}" y="${HEAD - 8}" font-size="10" fill="${HEAD_COLOURS[kind]}" transform="rotate(-55 ${x + 6} ${HEAD - 8})">${escape(label)}</text>`);
    if (c === violationColumn) {
      parts.push(`<rect class="violation" x="${x - 3}" y="${HEAD - 4}" width="${column - 4}" height="${rows.length * LANE + 4}" fill="none" stroke="#d50000" stroke-width="2"/>`);
    }
    rows.forEach((lane, i) => {
      const picked = lane.pick(state);
      if (picked !== null) parts.push(...cell(x, HEAD + i * LANE, state, picked, offsets, c === violationColumn ? highlight : new Set()));
    });
    if (c === violationColumn && first !== undefined) parts.push(...missing(x, state, first.message, rows));
  });
  const legend = EPOCH_COLOURS.slice(0, 4).map((colour, epoch) => `<rect x="${8 + epoch * 70}" y="${legendY}" width="12" height="12" fill="${colour}" stroke="#666"/><text x="${24 + epoch * 70}" y="${legendY + 10}" font-size="10">epoch ${epoch}</text>`);
  parts.push(
    ...legend,
    `<text x="8" y="${legendY + 30}" font-size="10">L leader · ✕ down · ⚡ lost power · F fenced · blue bar: HW · green line: flushed · dashed: deleted by retention · wN: write N · cN: commit of position N</text>`,
  );
  if (first !== undefined) {
    parts.push(`<text class="verdict" x="8" y="${legendY + 48}" font-size="11" fill="#d50000">${escape(`${first.invariant} violated at step ${first.step}: ${first.message}`)}</text>`);
  }
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
