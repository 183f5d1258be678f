/** The README's generated tables match the registries (run `npm run docs` after adding an action). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
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
