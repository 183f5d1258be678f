/**
 * The code's imports as dependency-cruiser sees them, held to the rules of .dependency-cruiser.cjs:
 * the rules broken (test/layers.test.ts fails on any), and docs/dependencies.md, the folders of
 * spec/, properties/ and model/ with their runtime imports as a Mermaid flowchart.
 *
 * Two cruises: one with type imports as edges, for the layer rules (a layer may not even name a higher
 * layer's types), and one of the runtime imports alone (the code as TypeScript emits it), for the cycle
 * rule and the picture. The cycle search follows one loop per import: over every import, a loop that
 * a type import closes can hide a runtime loop through the same import; over runtime imports it cannot.
 */
import { dirname, join } from 'node:path';
import { cruise, type ICruiseOptions, type ICruiseResult, type IForbiddenRuleType } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const ROOT = join(import.meta.dirname, '..', '..');
const RULES = join(ROOT, '.dependency-cruiser.cjs');
const TSCONFIG = join(ROOT, 'tsconfig.json');

/** The layers the rules cover, lowest first. */
export const LAYERS = ['spec', 'properties', 'model'] as const;

/** A broken rule: the import that breaks it, and for a cycle the loop, back to where it starts. */
export interface Break {
  readonly rule: string;
  readonly from: string;
  readonly to: string;
  readonly cycle: readonly string[];
}

/** An import between two folders of the layers (`spec/actions/` -> `spec/`). */
export type FolderEdge = readonly [from: string, to: string];

export interface Dependencies {
  readonly breaks: readonly Break[];
  /** Every folder of the layers holding code, sorted. */
  readonly folders: readonly string[];
  /** The runtime imports between folders, sorted. */
  readonly edges: readonly FolderEdge[];
  /** Each rule's name and why it holds, as the rules file says. */
  readonly rules: readonly { readonly name: string; readonly comment: string }[];
}

const isCycleRule = (rule: IForbiddenRuleType): boolean => 'to' in rule && 'circular' in rule.to && rule.to.circular === true;

/** The cycle rule over the runtime imports, or the others over every import. */
async function cruiseLayers(root: string, options: ICruiseOptions, runtime: boolean): Promise<ICruiseResult> {
  const forbidden = (options.ruleSet?.forbidden ?? []).filter((rule) => isCycleRule(rule) === runtime);
  const result = await cruise(
    [...LAYERS],
    { ...options, baseDir: root, tsPreCompilationDeps: !runtime, tsConfig: { fileName: TSCONFIG }, ruleSet: { ...options.ruleSet, forbidden } },
    undefined,
    { tsConfig: extractTSConfig(TSCONFIG) },
  );
  return result.output as ICruiseResult;
}

/** A loop read from its alphabetically first module, so the same loop found from two imports is one. */
function loopKey(cycle: readonly string[]): string {
  const loop = cycle.slice(0, -1);
  const start = loop.indexOf([...loop].sort()[0] ?? '');
  return [...loop.slice(start), ...loop.slice(0, start)].join(' ');
}

function breaksOf(result: ICruiseResult): Break[] {
  const seen = new Set<string>();
  return result.summary.violations.flatMap((v) => {
    const cycle = v.cycle === undefined ? [] : [v.from, ...v.cycle.map((step) => step.name)];
    const key = cycle.length === 0 ? `${v.rule.name} ${v.from} ${v.to}` : `${v.rule.name} ${loopKey(cycle)}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [{ rule: v.rule.name, from: v.from, to: v.to, cycle }];
  });
}

const inLayers = (path: string): boolean => LAYERS.some((layer) => path.startsWith(`${layer}/`));
const folderOf = (path: string): string => `${dirname(path)}/`;

/** The rules broken in the layers under `root` (this repository by default), and its folder graph. */
export async function dependencies(root = ROOT): Promise<Dependencies> {
  const options = await extractDepcruiseOptions(RULES);
  const imports = await cruiseLayers(root, options, false);
  const runtime = await cruiseLayers(root, options, true);
  const modules = runtime.modules.filter((m) => inLayers(m.source));
  const edges = new Map<string, FolderEdge>();
  for (const m of modules) {
    for (const d of m.dependencies) {
      const edge = [folderOf(m.source), folderOf(d.resolved)] as const;
      if (inLayers(d.resolved) && !d.dependencyTypes.includes('type-only') && edge[0] !== edge[1]) edges.set(edge.join(' '), edge);
    }
  }
  return {
    breaks: [...breaksOf(imports), ...breaksOf(runtime)],
    folders: [...new Set(modules.map((m) => folderOf(m.source)))].sort(),
    edges: [...edges.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, edge]) => edge),
    rules: (options.ruleSet?.forbidden ?? []).map((rule) => ({ name: rule.name ?? '', comment: rule.comment ?? '' })),
  };
}

/** One line a broken rule: the import, or the loop. */
export function describeBreak(b: Break): string {
  return `${b.rule}: ${b.cycle.length === 0 ? `${b.from} -> ${b.to}` : b.cycle.join(' -> ')}`;
}

const nodeId = (folder: string): string => folder.replace(/\/$/, '').replace(/[^A-Za-z0-9]/g, '_');

/** The folders as a Mermaid flowchart, one subgraph per layer, an arrow per runtime import. */
export function flowchart(deps: Dependencies): string {
  const layers = LAYERS.flatMap((layer) => {
    const folders = deps.folders.filter((f) => f.startsWith(`${layer}/`));
    return [`  subgraph layer_${layer}["${layer}"]`, ...folders.map((f) => `    ${nodeId(f)}["${f}"]`), '  end'];
  });
  return ['```mermaid', 'flowchart TD', ...layers, ...deps.edges.map(([from, to]) => `  ${nodeId(from)} --> ${nodeId(to)}`), '```'].join('\n');
}

/** ARCHITECTURE.md's generated section: the folder picture. */
export function architectureSections(deps: Dependencies): Readonly<Record<string, () => string>> {
  return { dependencies: () => flowchart(deps) };
}

/** docs/dependencies.md. */
export function dependenciesDocument(deps: Dependencies): string {
  return [
    '# Dependencies',
    '',
    'The folders of `spec/`, `properties/` and `model/`, and their runtime imports: an arrow from A to B says',
    'that a file in A imports a file in B. Type imports (`import type`) are left out: they are erased before',
    "the code runs. Generated by `npm run docs` from dependency-cruiser's reading of the code; the tests fail",
    'when it is out of date.',
    '',
    flowchart(deps),
    '',
    '## Rules',
    '',
    '`test/layers.test.ts` holds the code to the rules of `.dependency-cruiser.cjs`:',
    '',
    ...deps.rules.map((rule) => `- \`${rule.name}\`: ${rule.comment}`),
    '',
  ].join('\n');
}
