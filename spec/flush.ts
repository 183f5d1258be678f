/** The flush policy (rule 23): `log.flush.interval.messages`, or the OS flushing lazily. */
import type { Draft } from 'immer';
import { logEndOffset } from './log.js';
import type { Config } from './config.js';
import type { Replica } from './types.js';

/**
 * UnifiedLog.maybeFlush: with log.flush.interval.messages = N, an append that leaves N or more records
 * above the recovery point fsyncs the log before anything else can happen (rule 23). With the default
 * (null) nothing is forced; brokerFlush stands for the OS writing the page cache back at any time.
 */
export function maybeFlush(config: Config, replica: Draft<Replica>): void {
  const interval = config.flushIntervalMessages;
  const leo = logEndOffset(replica);
  if (interval !== null && leo - replica.flushed >= interval) replica.flushed = leo;
}
