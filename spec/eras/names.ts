/** The protocol eras, oldest first. Each is an overlay on the base era's named seams (see era.ts). */
export const ERA_NAMES = ['hw-truncation', 'kip-101', 'kip-279', 'kip-320', 'kraft', 'kip-966'] as const;

export type EraName = (typeof ERA_NAMES)[number];

/** The era `check`, `replay` and the tests use when none is named: Kafka 4.1 with ELR. */
export const DEFAULT_ERA: EraName = 'kip-966';

/**
 * What each era is, as validation needs it without the eras' rules: the one Kafka release it stands
 * for, whether that release has the ElectLeaders API (KIP-460, 2.4), and whether its controller honours
 * `unclean.leader.election.enable` (ZooKeeper does; KRaft from 3.9, KAFKA-12670).
 */
export interface EraVersion {
  /** The Kafka release, e.g. `2.1.0`. */
  readonly release: string;
  /** The release and how its cluster is run, e.g. `2.1.0 (ZooKeeper)`. */
  readonly kafka: string;
  readonly electLeaders: boolean;
  readonly honoursUncleanFlag: boolean;
}

function version(release: string, mode: string, electLeaders: boolean, honoursUncleanFlag: boolean): EraVersion {
  return { release, kafka: `${release} (${mode})`, electLeaders, honoursUncleanFlag };
}

export const ERA_VERSIONS: Readonly<Record<EraName, EraVersion>> = {
  'hw-truncation': version('0.10.2', 'ZooKeeper', false, true),
  'kip-101': version('0.11.0', 'ZooKeeper', false, true),
  'kip-279': version('2.0.0', 'ZooKeeper', false, true),
  'kip-320': version('2.1.0', 'ZooKeeper', false, true),
  kraft: version('3.6.0', 'KRaft', true, false),
  'kip-966': version('4.1.0', 'KRaft, eligible leader replicas', true, true),
};

/** Whether `release` (e.g. `2.1.0`) is at least `since` (e.g. `2.1`), comparing numerically part by part. */
export function atLeast(release: string, since: string): boolean {
  const a = release.split('.').map(Number);
  const b = since.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return diff > 0;
  }
  return true;
}
