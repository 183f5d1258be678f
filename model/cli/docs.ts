/** `npm run docs`: rewrites the generated tables in README.md from the registries. */
import { readFileSync, writeFileSync } from 'node:fs';
import { regenerate } from '../docs.js';

const file = new URL('../../README.md', import.meta.url);
writeFileSync(file, regenerate(readFileSync(file, 'utf8')));
process.stdout.write('README.md tables regenerated\n');
