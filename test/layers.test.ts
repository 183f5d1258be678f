/**
 * The layers of DESIGN.md section 1, as .dependency-cruiser.cjs states them: no runtime import cycle in
 * spec/, properties/ or model/, and no import from a lower layer into a higher one (model/cli/ and
 * model/bench/ are entry points nobody imports). Then, on small fixtures laid out like this repository,
 * that every rule bites, and that what the layers allow (a loop closed by a type import included) passes.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dependencies, describeBreak, LAYERS, type Break } from '../model/docs/dependencies.js';

describe('the code keeps its layers', () => {
  let breaks: readonly Break[] = [];
  beforeAll(async () => {
    breaks = (await dependencies()).breaks;
  });

  it.each(LAYERS)('%s/: no runtime import cycle, no import of a higher layer', (layer) => {
    expect(breaks.filter((b) => b.from.startsWith(`${layer}/`)).map(describeBreak)).toEqual([]);
  });
});

describe('the rules bite', () => {
  const roots: string[] = [];
  afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

  /** The broken rules of a fixture: the three layers, two stub packages, and `files` (path -> source). */
  async function brokenIn(files: Readonly<Record<string, string>>): Promise<string[]> {
    const root = mkdtempSync(join(tmpdir(), 'layers-'));
    roots.push(root);
    const stub = (name: string): Record<string, string> => ({
      [`node_modules/${name}/package.json`]: JSON.stringify({ name, main: 'index.js' }),
      [`node_modules/${name}/index.js`]: 'export const value = 1;\n',
    });
    for (const layer of LAYERS) mkdirSync(join(root, layer));
    for (const [path, source] of Object.entries({ ...stub('immer'), ...stub('left-pad'), ...files })) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), source);
    }
    return (await dependencies(root)).breaks.map(describeBreak).sort();
  }

  it('passes what the layers allow, a loop closed by a type import included', async () => {
    expect(
      await brokenIn({
        'spec/config.ts': "import { value } from 'immer';\nexport const config = value;\n",
        'spec/actions/send.ts': "import { config } from '../config.js';\nexport const send = config;\n",
        'properties/acked.ts': "import { send } from '../spec/actions/send.js';\nexport const acked = send;\n",
        'model/trace/trace.ts': "import type { Run } from '../check/runner.js';\nexport interface Trace { run?: Run }\nexport const format = 1;\n",
        'model/check/runner.ts': [
          "import { readFileSync } from 'node:fs';",
          "import { value } from 'left-pad';",
          "import { acked } from '../../properties/acked.js';",
          "import { format } from '../trace/trace.js';",
          'export interface Run { steps: number }',
          'export const run = [readFileSync, value, acked, format];',
          '',
        ].join('\n'),
        'model/cli/check.ts': "import { run } from '../check/runner.js';\nimport { search } from './search.js';\nexport const check = [run, search];\n",
        'model/cli/search.ts': "import { format } from '../trace/trace.js';\nexport const search = format;\n",
        'model/bench/run.ts': "import { run } from '../check/runner.js';\nexport const bench = run;\n",
      }),
    ).toEqual([]);
  });

  it('finds a runtime import cycle', async () => {
    expect(
      await brokenIn({
        'model/check/check.ts': "import { explore } from '../explore/explore.js';\nexport const check = (): unknown => explore;\n",
        'model/explore/explore.ts': "import { check } from '../check/check.js';\nexport const explore = (): unknown => check;\n",
      }),
    ).toEqual(['no-runtime-cycle: model/check/check.ts -> model/explore/explore.ts -> model/check/check.ts']);
  });

  it('finds a runtime cycle that type imports back along every step would hide from a search over all imports', async () => {
    // a -> b -> c -> a at runtime; each also names the previous one's type, so every import's shortest way
    // back is a type import.
    const file = (self: string, next: string, previous: string): string =>
      `import { ${next} } from './${next}.js';\nimport type { T${previous} } from './${previous}.js';\n` +
      `export interface T${self} { previous?: T${previous} }\nexport const ${self} = (): unknown => ${next};\n`;
    expect(
      await brokenIn({ 'spec/a.ts': file('a', 'b', 'c'), 'spec/b.ts': file('b', 'c', 'a'), 'spec/c.ts': file('c', 'a', 'b') }),
    ).toEqual(['no-runtime-cycle: spec/a.ts -> spec/b.ts -> spec/c.ts -> spec/a.ts']);
  });

  it('finds every import against the flow inside spec/: types and config -> rules -> actions -> eras -> step', async () => {
    expect(
      await brokenIn({
        'spec/types.ts': "import type { Rule } from './isr.js';\nexport interface State { rule?: Rule }\n",
        'spec/isr.ts': "import { kraft } from './eras/kraft.js';\nexport type Rule = typeof kraft;\nexport const isr = kraft;\n",
        'spec/actions/send.ts': "import { kraft } from '../eras/kraft.js';\nimport { step } from '../step.js';\nexport const send = [kraft, step];\n",
        'spec/eras/kraft.ts': "import { initial } from '../init.js';\nexport const kraft = initial;\n",
        'spec/eras/names.ts': "export const ERA_NAMES = ['kraft'];\n",
        'spec/init.ts': "import { ERA_NAMES } from './eras/names.js';\nexport const initial = ERA_NAMES;\n",
        'spec/step.ts': "import { send } from './actions/send.js';\nimport { isr } from './isr.js';\nimport type { State } from './types.js';\nexport const step = (s?: State): unknown => [send, isr, s];\n",
      }),
    ).toEqual([
      'no-runtime-cycle: spec/actions/send.ts -> spec/step.ts -> spec/actions/send.ts',
      'spec-actions-below-eras: spec/actions/send.ts -> spec/eras/kraft.ts',
      'spec-actions-below-eras: spec/actions/send.ts -> spec/step.ts',
      'spec-eras-below-step: spec/eras/kraft.ts -> spec/init.ts',
      'spec-rules-below-actions: spec/isr.ts -> spec/eras/kraft.ts',
      'spec-types-and-config-first: spec/types.ts -> spec/isr.ts',
    ]);
  });

  it('finds every import of a higher layer, of a test, of an entry point, and every import that does not resolve', async () => {
    expect(
      await brokenIn({
        'spec/step.ts': "import type { Acked } from '../properties/acked.js';\nimport { value } from 'left-pad';\nimport { join } from 'node:path';\nexport const step = (a?: Acked): unknown => [a, value, join];\n",
        'properties/acked.ts': "import { trace } from '../model/trace/trace.js';\nexport type Acked = typeof trace;\n",
        'model/trace/trace.ts': "import { builders } from '../../test/builders.js';\nexport const trace = builders;\n",
        'test/builders.ts': 'export const builders = 1;\n',
        'model/check/check.ts': "import { main } from '../cli/check.js';\nimport { bench } from '../bench/run.js';\nimport { gone } from './gone.js';\nexport const check = [main, bench, gone];\n",
        'model/cli/check.ts': 'export const main = 1;\n',
        'model/bench/run.ts': 'export const bench = 1;\n',
      }),
    ).toEqual([
      'bench-is-an-entry-point: model/check/check.ts -> model/bench/run.ts',
      'cli-is-an-entry-point: model/check/check.ts -> model/cli/check.ts',
      'imports-resolve: model/check/check.ts -> ./gone.js',
      'no-import-of-tests: model/trace/trace.ts -> test/builders.ts',
      'properties-import-only-spec: properties/acked.ts -> model/trace/trace.ts',
      'spec-imports-only-immer: spec/step.ts -> node_modules/left-pad/index.js',
      'spec-imports-only-immer: spec/step.ts -> path',
      'spec-imports-only-immer: spec/step.ts -> properties/acked.ts',
    ]);
  });
});
