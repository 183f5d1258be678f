/**
 * `npm run docs`: rewrites the generated tables in README.md, docs/history.md and the pictures it embeds
 * (docs/pictures/) from the registries and the saved traces, and docs/dependencies.md and the picture
 * in ARCHITECTURE.md (the folders and their imports) from the code.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { architectureSections, dependencies, dependenciesDocument } from '../docs/dependencies.js';
import { historyDocument, historyPictures, savedTraceIndex } from '../docs/history.js';
import { regenerate } from '../docs/readme.js';

const readme = new URL('../../README.md', import.meta.url);
writeFileSync(readme, regenerate(readFileSync(readme, 'utf8')));
mkdirSync(new URL('../../docs/', import.meta.url), { recursive: true });
const index = savedTraceIndex();
writeFileSync(new URL('../../docs/history.md', import.meta.url), historyDocument(index));
mkdirSync(new URL('../../docs/pictures/', import.meta.url), { recursive: true });
for (const { path, svg } of historyPictures(index)) writeFileSync(new URL(`../../docs/${path}`, import.meta.url), svg);
const deps = await dependencies();
writeFileSync(new URL('../../docs/dependencies.md', import.meta.url), dependenciesDocument(deps));
const architecture = new URL('../../ARCHITECTURE.md', import.meta.url);
writeFileSync(architecture, regenerate(readFileSync(architecture, 'utf8'), architectureSections(deps)));
process.stdout.write('README.md tables, docs/history.md and its pictures, docs/dependencies.md and the ARCHITECTURE.md picture regenerated\n');
