/** The README's generated tables match the registries (run `npm run docs` after adding an action). */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { architectureSections, dependencies, dependenciesDocument } from '../model/docs/dependencies.js';
import { historyDocument, historyPictures, savedTraceIndex } from '../model/docs/history.js';
import { regenerate } from '../model/docs/readme.js';

it('README.md documents every step kind and invariant as the registries define them', () => {
  const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
  expect(regenerate(readme)).toBe(readme);
});

it('docs/history.md is generated from the verdict table and the saved traces', () => {
  const history = readFileSync(join(import.meta.dirname, '..', 'docs', 'history.md'), 'utf8');
  expect(historyDocument(savedTraceIndex())).toBe(history);
});

it('the pictures docs/history.md embeds are drawn from the saved traces', () => {
  const pictures = historyPictures(savedTraceIndex());
  expect(pictures.length).toBeGreaterThan(5);
  for (const { path, svg } of pictures) {
    expect(readFileSync(join(import.meta.dirname, '..', 'docs', path), 'utf8'), path).toBe(svg);
  }
});

it('docs/dependencies.md draws the folders and their runtime imports as the code has them', async () => {
  const picture = readFileSync(join(import.meta.dirname, '..', 'docs', 'dependencies.md'), 'utf8');
  expect(dependenciesDocument(await dependencies()), 'run npm run docs').toBe(picture);
});

describe('ARCHITECTURE.md', () => {
  const architecture = readFileSync(join(import.meta.dirname, '..', 'ARCHITECTURE.md'), 'utf8');

  it('draws the folders and their runtime imports as the code has them', async () => {
    expect(regenerate(architecture, architectureSections(await dependencies())), 'run npm run docs').toBe(architecture);
  });

  it('names only paths that exist (a bare file name: somewhere in the tree)', () => {
    const root = join(import.meta.dirname, '..');
    const everywhere = ['spec', 'properties', 'model', 'test'].flatMap((dir) => readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' }).map((path) => basename(path)));
    const paths = [...architecture.matchAll(/`([\w.-]+(?:\/[\w.-]*)+|[\w.-]+\.(?:ts|md|json|cjs))`/g)].map((m) => m[1] ?? '');
    expect(paths.length).toBeGreaterThan(40);
    const missing = paths.filter((path) => (path.includes('/') ? !existsSync(join(root, path)) : !existsSync(join(root, path)) && !everywhere.includes(path)));
    expect(missing).toEqual([]);
  });

  it('names, for each thing to add, a file to copy and a registry that holds the line to add', () => {
    const rows = [...architecture.matchAll(/^\| (an action|an invariant|an era|a fault|a command) \| `([^`]+)` \| `(\w+)` in `([^`]+)` \|/gm)];
    expect(rows.map((row) => row[1])).toEqual(['an action', 'an invariant', 'an era', 'a fault', 'a command']);
    for (const [, , copy, registry, file] of rows) {
      expect(existsSync(join(import.meta.dirname, '..', copy ?? '')), copy).toBe(true);
      expect(readFileSync(join(import.meta.dirname, '..', file ?? ''), 'utf8'), `${registry} in ${file}`).toMatch(new RegExp(`\\b${registry}\\b`));
    }
  });
});
