/** The era -> fixes table, as data rendered for `npm run check -- --list-eras` and the docs. */
import { ERAS } from '../../spec/eras/index.js';
import { ERA_NAMES } from '../../spec/eras/names.js';
import { SWITCHES, SWITCH_NAMES } from '../../spec/switches.js';
import { UNCLEAN_SHUTDOWN_TOLERANCE } from '../../properties/judgement.js';

const FIXES = SWITCH_NAMES.filter((name) => SWITCHES[name].kind === 'fix');

/** One Markdown table: a row per era, a column per named fix, and the promise's fault tolerance. */
export function erasTable(): string {
  const header = ['era', 'Kafka', ...FIXES, 'unclean.leader.election.enable', 'ElectLeaders (KIP-460)', 'promise tolerates'];
  const rows = ERA_NAMES.map((name) => {
    const era = ERAS[name];
    const tolerance = UNCLEAN_SHUTDOWN_TOLERANCE[name] === 'below-min-isr' ? 'unclean shutdowns < min.insync.replicas' : 'no power loss of the last in-sync copy (lazy flush)';
    const flag = era.honoursUncleanFlag ? 'honoured' : 'ignored (KAFKA-12670)';
    return [`\`${name}\``, era.kafka, ...FIXES.map((fix) => (era.fixes.includes(fix) ? 'yes' : '-')), flag, era.electLeaders ? 'yes' : '-', tolerance];
  });
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** The fixes, with the version that shipped each and what it does. */
export function fixesList(): string {
  return FIXES.map((name) => `- \`${name}\` (${SWITCHES[name].since}): ${SWITCHES[name].summary}. ${SWITCHES[name].source}`).join('\n');
}
