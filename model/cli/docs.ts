/** `npm run docs`: rewrites the generated tables in README.md and docs/history.md from the registries. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { regenerate, savedTraceIndex } from '../docs.js';
import { historyDocument } from '../history.js';

const readme = new URL('../../README.md', import.meta.url);
writeFileSync(readme, regenerate(readFileSync(readme, 'utf8')));
mkdirSync(new URL('../../docs/', import.meta.url), { recursive: true });
writeFileSync(new URL('../../docs/history.md', import.meta.url), historyDocument(savedTraceIndex()));
process.stdout.write('README.md tables and docs/history.md regenerated\n');
