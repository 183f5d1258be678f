// A worker thread's entry: registers tsx's TypeScript loader in this thread (Node does not pass a
// parent's loader hooks to workers), then loads the TypeScript module named in workerData.entry.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
