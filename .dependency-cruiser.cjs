/**
 * The layers of DESIGN.md section 1, as dependency-cruiser rules: data flows one way, spec/ ->
 * properties/ -> model/ -> test/, with no runtime import cycle on the way. test/layers.test.ts
 * enforces them (and proves on small fixtures that each rule bites); `npm run docs` draws the folders
 * and their runtime imports in docs/dependencies.md, listing these rules with their comments.
 *
 * By hand: npx depcruise --config .dependency-cruiser.cjs spec properties model
 */
/** spec/'s lowest layer: the state types, the config, the switch names, the era names and the rules in force. */
const SPEC_TYPES = '^spec/((types|config|producer-settings|switches|rules)[.]ts|eras/names[.]ts)$';
/** What lies above spec/'s rules: the actions, the eras, step and the initial state. */
const SPEC_ABOVE_RULES = '^spec/(actions/|eras/|step[.]ts$|init[.]ts$)';

module.exports = {
  forbidden: [
    {
      name: 'no-runtime-cycle',
      comment:
        'A module must be able to load without itself: no loop of runtime imports. Type imports ' +
        '(import type) are erased before the code runs, so a loop that one of them closes is allowed. ' +
        'The search follows one loop per import, and over every import a loop closed by a type import ' +
        'can hide a runtime loop through the same import, so the test runs this rule over the runtime ' +
        'imports alone.',
      severity: 'error',
      from: { path: '^(spec|properties|model)/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'spec-imports-only-immer',
      comment:
        'spec/ is the protocol, pure and deterministic: it may import itself and immer (its immutable ' +
        'updates), nothing else: no properties, model or tests, no other package, no node built-in.',
      severity: 'error',
      from: { path: '^spec/' },
      to: { pathNot: '^(spec/|node_modules/immer/)' },
    },
    {
      name: 'spec-types-and-config-first',
      comment:
        'Inside spec/, imports flow one way: types and config -> rules -> actions -> era overlays -> ' +
        'step. The state types, the config, the switch names and the rules in force (rules.ts, which also ' +
        'declares the era seams) import nothing of spec/ above them.',
      severity: 'error',
      from: { path: SPEC_TYPES },
      to: { path: '^spec/', pathNot: SPEC_TYPES },
    },
    {
      name: 'spec-rules-below-actions',
      comment:
        'The rules (log arithmetic, ISR, HW, controller, broker transitions ...) never import an action, an ' +
        'era or step: the era reaches them as a value, resolved once in step (eras/index.ts rulesOf).',
      severity: 'error',
      from: { path: '^spec/[^/]+[.]ts$', pathNot: '^spec/(step|init)[.]ts$' },
      to: { path: SPEC_ABOVE_RULES, pathNot: SPEC_TYPES },
    },
    {
      name: 'spec-actions-below-eras',
      comment: 'An action calls its era through the seams it is handed (rules.era), never by importing an era.',
      severity: 'error',
      from: { path: '^spec/actions/' },
      to: { path: '^spec/(eras/|step[.]ts$|init[.]ts$)', pathNot: SPEC_TYPES },
    },
    {
      name: 'spec-eras-below-step',
      comment: 'An era is an overlay on the rules and actions; step and the initial state choose it, not the reverse.',
      severity: 'error',
      from: { path: '^spec/eras/' },
      to: { path: '^spec/(step|init)[.]ts$' },
    },
    {
      name: 'properties-import-only-spec',
      comment:
        'properties/ judges states: it may import spec/ and itself, and knows nothing of how a state was ' +
        'reached (model/), of the tests, or of any package.',
      severity: 'error',
      from: { path: '^properties/' },
      to: { pathNot: '^(spec|properties)/' },
    },
    {
      name: 'no-import-of-tests',
      comment: 'test/ stands on top of everything: nothing in spec/, properties/ or model/ imports it.',
      severity: 'error',
      from: { path: '^(spec|properties|model)/' },
      to: { path: '^test/' },
    },
    {
      name: 'cli-is-an-entry-point',
      comment:
        'model/cli/ holds the commands (argument handling and printing): they import the rest, and ' +
        'nothing else in model/ imports them. What other code needs from the command line lives below, ' +
        'in model/config/.',
      severity: 'error',
      from: { path: '^model/', pathNot: '^model/cli/' },
      to: { path: '^model/cli/' },
    },
    {
      name: 'bench-is-an-entry-point',
      comment: 'model/bench/ is npm run bench: it measures the rest, and nothing else in model/ imports it.',
      severity: 'error',
      from: { path: '^model/', pathNot: '^model/bench/' },
      to: { path: '^model/bench/' },
    },
    {
      name: 'imports-resolve',
      comment:
        'Every import resolves to a file (the .js of an import names the .ts beside it), so the rules ' +
        'above see every real edge and none is skipped unseen.',
      severity: 'error',
      from: { path: '^(spec|properties|model)/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // Type imports are edges too (marked type-only): a layer may not even name a higher layer's types.
    tsPreCompilationDeps: true,
    // Resolve as TypeScript does (moduleResolution Bundler: './x.js' is './x.ts').
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    // Packages resolve through their package.json exports, as Node does (tsx/esm/api has no file there).
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
