/**
 * `npm run docs`: rewrites the generated tables in README.md, docs/history.md and the pictures it embeds
 * (docs/pictures/) from the registries and the saved traces, and docs/dependencies.md and the picture
 * in ARCHITECTURE.md (the folders and their imports) from the code. These are the repository's own
 * generated documents: rewriting them is this command's job, so it needs no --force.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { main, parseCommand, type CommandSpec } from '../config/command.js';
import { writeOutput } from '../config/output.js';
import { architectureSections, dependencies, dependenciesDocument } from '../docs/dependencies.js';
import { historyDocument, historyPictures, savedTraceIndex } from '../docs/history.js';
import { regenerate } from '../docs/readme.js';

const DOCS: CommandSpec = {
  name: 'docs',
  summary:
    "Rewrites the repository's generated documents: the tables in README.md, docs/history.md and its pictures, docs/dependencies.md and the picture in ARCHITECTURE.md. The tests fail when they are out of date.",
  options: [],
  examples: ['npm run docs'],
  exits: '0 written',
};

const file = (path: string): string => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const rewrite = (path: string, text: string): void => writeOutput('docs', file(path), text, true);

async function run(args: readonly string[]): Promise<number> {
  if (parseCommand(DOCS, args) === null) return 0;
  rewrite('README.md', regenerate(readFileSync(file('README.md'), 'utf8')));
  const index = savedTraceIndex();
  rewrite('docs/history.md', historyDocument(index));
  mkdirSync(file('docs/pictures'), { recursive: true });
  for (const { path, svg } of historyPictures(index)) rewrite(`docs/${path}`, svg);
  const deps = await dependencies();
  rewrite('docs/dependencies.md', dependenciesDocument(deps));
  rewrite('ARCHITECTURE.md', regenerate(readFileSync(file('ARCHITECTURE.md'), 'utf8'), architectureSections(deps)));
  process.stdout.write('README.md tables, docs/history.md and its pictures, docs/dependencies.md and the ARCHITECTURE.md picture regenerated\n');
  return 0;
}

await main(() => run(process.argv.slice(2)));
