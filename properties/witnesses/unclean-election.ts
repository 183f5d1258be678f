import { eventWitness, leaderCanChange } from './witness.js';

export const uncleanElection = eventWitness(
  'unclean-election',
  'uncleanElection',
  'The controller elects a replica from outside the ISR.',
  (config) => config.uncleanLeaderElection && leaderCanChange(config),
);
