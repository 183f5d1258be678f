/**
 * `npm run docs`: rewrites the generated tables in README.md, docs/history.md and the pictures it embeds
 * (docs/pictures/) from the registries and the saved traces.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { historyDocument, historyPictures, savedTraceIndex } from '../docs/history.js';
import { regenerate } from '../docs/readme.js';

const readme = new URL('../../README.md', import.meta.url);
writeFileSync(readme, regenerate(readFileSync(readme, 'utf8')));
mkdirSync(new URL('../../docs/', import.meta.url), { recursive: true });
const index = savedTraceIndex();
writeFileSync(new URL('../../docs/history.md', import.meta.url), historyDocument(index));
mkdirSync(new URL('../../docs/pictures/', import.meta.url), { recursive: true });
for (const { path, svg } of historyPictures(index)) writeFileSync(new URL(`../../docs/${path}`, import.meta.url), svg);
process.stdout.write('README.md tables, docs/history.md and its pictures regenerated\n');
