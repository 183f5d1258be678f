/**
 * The command line a user can trust (issue 14): help on every command, negative numbers, repeated and
 * unknown names, paths read from where the user typed, no file overwritten or half-written, limits as
 * errors, exit codes (70 for an internal error, 130 for Ctrl-C), progress and JSON summaries, and no
 * stack trace for anything a user can type.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { act } from '../builders.js';
import { cli, cliIn, entry, environment, expectBadInput, root, tempDir, TSX, type Command } from '../cli.js';

const SMALL = ['--brokers', '2', '--records', '1', '--crashes', '1', '--fences', '0', '--shutdowns', '0', '--shrinks', '0', '--commits', '0'];
const TRACE = join(root, 'counterexamples', 'kafka-7128.json');

/** A trace of `steps` fetch round trips that change nothing: every step enabled, as long as asked. */
function longTrace(dir: string, steps: number): string {
  const file = join(dir, `long-${steps}.json`);
  const round = [act.serve(1), act.apply(1)];
  writeFileSync(file, JSON.stringify({ config: { budgets: { commits: 0 } }, steps: Array.from({ length: steps }, (_, i) => round[i % 2]) }));
  return file;
}

const noStackTrace = (text: string): void => expect(text).not.toMatch(/^\s+at .+\(.*:\d+:\d+\)$/m);

describe('--help', () => {
  it.each(['check', 'explore', 'replay', 'view', 'matrix', 'docs', 'bench'] as const)('npm run %s -- --help lists every option with its default, examples and the exit codes', (command) => {
    const result = cli(command, '--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Usage: npm run ${command} -- `));
    expect(result.stdout).toMatch(/\nExamples:\n {2}npm run /);
    expect(result.stdout).toMatch(/Exit codes: 0 .*; 2 bad input.*; 70 an internal error.*; 130 interrupted\./);
    const options = result.stdout.split('\nOptions:\n')[1]?.split('\n\n')[0] ?? '';
    // Every option that takes a value says its default (or lists its choices).
    const valued = options.split(/\n(?= {2}-)/).filter((text) => /^ {2}(-\w, )?--[\w-]+ [<[]/.test(text));
    for (const text of valued) expect(text.replace(/\s+/g, ' '), text).toMatch(/\(default: |\(choices: |only rows|^ --(server|producer)-properties|shard|--merge|--json-out|--md-out|--itf|--svg/);
  });

  it('npm run docs -- --help writes nothing', () => {
    const before = statSync(join(root, 'README.md')).mtimeMs;
    expect(cli('docs', '--help').status).toBe(0);
    expect(statSync(join(root, 'README.md')).mtimeMs).toBe(before);
  });

  it("rejects an explicit idempotence Kafka's producer rejects, naming the setting (ConfigException)", () => {
    expectBadInput('check', ['--era', 'kraft', '--idempotence', 'true', '--acks', '1'], /--acks \(acks\): must be all \(-1\) with enable.idempotence=true, got 1 \(Kafka: ConfigException\)/);
    expectBadInput('explore', ['--era', 'kraft', '--idempotence', 'true', '--max-in-flight', '6'], /--max-in-flight \(producer.maxInFlight\): must be at most 5 with enable.idempotence=true/);
    expectBadInput('check', ['--era', 'hw-truncation', '--idempotence', 'true'], /--idempotence \(producer.enableIdempotence\): Kafka 0.10.2 has no idempotent producer/);
  });

  it('says in the header when a default idempotence was silently turned off (KAFKA-13673)', () => {
    const result = cli('check', '--era', 'kraft', '--acks', '1', '--retries', '1', '--runs', '1', '--pass-states', '0', '--out', tempDir());
    expect(result.stdout).toMatch(/producer: enable.idempotence false \(on by default in Kafka 3.6.0, silently turned off by acks=1: KAFKA-13673\)/);
  });

  it('--without-fix and --era name the values they accept', () => {
    expectBadInput('check', ['--without-fix', 'KAFKA-1'], /--without-fix: unknown value "KAFKA-1" \(known: KAFKA-7128, .*check:retry-before-new-batch\)/);
    expectBadInput('explore', ['--era', 'kafka-9'], /--era: unknown value "kafka-9" \(known: hw-truncation, kip-101, kip-279, kip-320, kraft, kip-966\)/);
  });
});

describe('values as a user types them', () => {
  it('takes a negative number as a value: --acks -1 is acks=all', () => {
    const result = cli('check', '--acks', '-1', '--runs', '5', '--seed', '1', '--commits', '0', '--out', tempDir());
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/acks all/);
  });

  it('refuses an option given twice, and suggests a misspelt one', () => {
    expectBadInput('check', ['--runs', '5', '--runs', '6'], /--runs: given twice \(give each option once\)/);
    expectBadInput('replay', [TRACE, '--json', '--json'], /--json: given twice/);
    expectBadInput('check', ['--sed', '1'], /unknown option '--sed' \(Did you mean --seed\?\)/);
  });

  it('refuses seeds that fast-check would take for another seed', () => {
    expectBadInput('check', ['--seed', String(2 ** 32 + 1)], /--seed: must be at most 2147483647/);
  });
});

describe('paths are read from where the user typed the command', () => {
  it('saves a finding in --out relative to that folder (INIT_CWD under npm), not the repository', () => {
    const here = tempDir();
    const result = cliIn(root, { INIT_CWD: here }, 'check', '--acks', '1', '--seed', '1', '--runs', '200', '--commits', '0', '--out', 'findings');
    expect(result.status).toBe(1);
    expect(readdirSync(join(here, 'findings'))).toHaveLength(1);
  });

  it('reads a trace relative to that folder, from a subfolder too', () => {
    const sub = join(tempDir(), 'work');
    mkdirSync(sub);
    writeFileSync(join(sub, 'scenario.json'), JSON.stringify({ config: { acks: 1 }, steps: [act.send(0, 1)] }));
    expect(cliIn(root, { INIT_CWD: sub }, 'replay', 'scenario.json').status).toBe(0);
    expect(cliIn(sub, {}, 'replay', 'scenario.json').status).toBe(0);
  });
});

describe('never overwrite, never lose', () => {
  it('replay --svg and --itf, and view --out, refuse an existing file unless --force', () => {
    const dir = tempDir();
    const svg = join(dir, 'trace.svg');
    writeFileSync(svg, 'mine');
    const refused = cli('replay', TRACE, '--svg', svg);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/--svg: .*trace\.svg: already exists \(give --force to replace it\)/);
    expect(readFileSync(svg, 'utf8')).toBe('mine');
    expect(cli('replay', TRACE, '--svg', svg, '--force').status).toBe(0);
    expect(readFileSync(svg, 'utf8')).toMatch(/^<svg /);
    const page = join(dir, 'page.html');
    writeFileSync(page, 'mine');
    expect(cli('view', TRACE, '--out', page).status).toBe(2);
    expect(readFileSync(page, 'utf8')).toBe('mine');
    expect(readdirSync(dir).sort()).toEqual(['page.html', 'trace.svg']);
  });

  it('checks where a finding goes before searching: a bad --out is one line, exit 2, and no search', () => {
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, '');
    for (const out of [file, join(file, 'below')]) {
      const result = cli('check', '--acks', '1', '--seed', '1', '--out', out);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/^error: --out: /);
      expect(result.stdout).toBe('');
    }
  });

  it('replay and view with an output that cannot be written: one line, exit 2', () => {
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, '');
    expectBadInput('replay', [TRACE, '--itf', join(file, 'x.itf.json')], /--itf: .*a-file: (is a file, not a folder|cannot create the folder)/);
    expectBadInput('view', [TRACE, '--out', join(file, 'x.html')], /--out: .*a-file: (is a file, not a folder|cannot create the folder)/);
  });

  it('matrix with a filter writes only where told, and a bad --merge touches nothing', () => {
    const docs = ['guarantees.json', 'guarantees.md'].map((name) => join(root, 'docs', name));
    const before = docs.map((file) => statSync(file).mtimeMs);
    const dir = tempDir();
    const filtered = cli('matrix', '--era', 'kraft', '--acks', '0', '--runs', '5', '--workers', '1', '--out', dir);
    expect(filtered.status).toBe(0);
    writeFileSync(join(dir, 'not-a-matrix.json'), JSON.stringify({ hello: 1 }));
    const merged = cli('matrix', '--merge', join(dir, 'not-a-matrix.json'));
    expect(merged.status).toBe(2);
    expect(merged.stderr).toMatch(/--merge: .*not-a-matrix\.json: /);
    expect(docs.map((file) => statSync(file).mtimeMs)).toEqual(before);
  });

  it('runs saving the same finding at the same moment write one file', async () => {
    const out = tempDir();
    const trace = join(root, 'counterexamples', 'kafka-7128.json');
    // Eight processes wait for the same instant, then each saves the same finding into an empty folder.
    const go = Date.now() + 3000;
    const script = `import('./model/trace/trace.ts').then((m) => { const t = m.loadTrace(${JSON.stringify(trace)}); while (Date.now() < ${go}); const s = m.saveTrace(${JSON.stringify(out)}, t); console.log(s.created); })`;
    const runOnce = (): Promise<string> =>
      new Promise((resolve) => {
        const child = spawn(process.execPath, ['--import', TSX, '--input-type=module', '-e', script], { cwd: root, env: environment(), stdio: ['ignore', 'pipe', 'inherit'] });
        let text = '';
        child.stdout.on('data', (d: Buffer) => (text += String(d)));
        child.on('exit', () => resolve(text.trim()));
      });
    const created = await Promise.all(Array.from({ length: 8 }, runOnce));
    expect(created.filter((c) => c === 'true')).toHaveLength(1);
    expect(created.filter((c) => c === 'false')).toHaveLength(7);
    expect(readdirSync(out)).toHaveLength(1);
  }, 60_000);

  it('Ctrl-C stops a search at once (130 to a shell) and leaves no file', async () => {
    const out = tempDir();
    const child = spawn(process.execPath, ['--import', TSX, entry('check'), '--runs', '100000000', '--seed', '1', '--out', out], { cwd: root, env: environment(), stdio: ['ignore', 'pipe', 'ignore'] });
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.kill('SIGINT');
    const [code, signal] = await new Promise<[number | null, string | null]>((resolve) => child.on('exit', (c, s) => resolve([c, s])));
    expect(code === 130 || signal === 'SIGINT').toBe(true);
    expect(readdirSync(out)).toEqual([]);
  }, 60_000);
});

describe('limits are errors, up front', () => {
  it.each([
    [['--brokers', '1000000000'], /--brokers \(brokers\): must be at most 1000 \(the tool's limit\)/],
    [['--brokers', '1000', '--rf', '1000'], /--rf \(replicationFactor\): a state of this configuration would take about \d+ MiB; the tool's limit is 32 MiB per state/],
    [['--records', '5000'], /--records \(budgets\.records\): must be at most 1000/],
    [['--max-steps', '1000000'], /--max-steps: must be at most 100000/],
  ])('check %j', (args, message) => {
    expectBadInput('check', args, message);
  });

  it('accepts 20 brokers with replication factor 20', () => {
    const result = cli('check', '--brokers', '20', '--rf', '20', '--runs', '3', '--max-steps', '10', '--seed', '1', '--commits', '0', '--out', tempDir());
    expect(result.status).toBe(0);
  });

  it('renders a long trace to ITF, and refuses to draw one too long to look at', () => {
    const dir = tempDir();
    const file = longTrace(dir, 3000);
    const itf = join(dir, 'long.itf.json');
    expect(cli('replay', file, '--itf', itf).status).toBe(0);
    expect(JSON.parse(readFileSync(itf, 'utf8')).states).toHaveLength(3001);
    expectBadInput('replay', [file, '--svg', join(dir, 'long.svg')], /--svg: the trace has 3000 steps; a picture is drawn of at most 2000/);
    expectBadInput('view', [file, '--out', join(dir, 'long.html')], /the trace has 3000 steps; the viewer shows at most 2000/);
  });
});

describe('exit codes', () => {
  it('an internal error is one line naming the report, and exit 70', () => {
    const script = "import('./model/config/command.ts').then((m) => m.main(() => { throw new Error('boom'); }, undefined, ['--x']))";
    const result = spawnScript(script);
    expect(result.status).toBe(70);
    const [line, ...rest] = result.stderr.trim().split('\n');
    expect(rest).toEqual([]);
    const report = /^internal error: boom \(full report: (.+)\)$/.exec(line ?? '')?.[1];
    expect(report).toBeDefined();
    expect(readFileSync(report ?? '', 'utf8')).toMatch(/Error: boom\n\s+at /);
  });

  it.each<[Command, string[]]>([
    ['check', ['--brokers', 'many']],
    ['check', ['--server-properties', '/nonexistent']],
    ['check', ['--offsets-assignment', '9:9']],
    ['explore', ['--max-states', '0']],
    ['replay', []],
    ['replay', ['/nonexistent.json']],
    ['replay', [join(root, 'README.md')]],
    ['view', [TRACE, 'extra']],
    ['matrix', ['--shard', '2/1']],
    ['matrix', ['--merge', '/nonexistent.json']],
    ['docs', ['now']],
    ['bench', ['--fast']],
  ])('%s %j: one line, exit 2, no stack trace', (command, args) => {
    const result = cli(command, ...args);
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    noStackTrace(result.stderr);
  });
});

/** Runs a line of TypeScript in the repository, as the commands run. */
function spawnScript(script: string): { status: number | null; stderr: string } {
  const child = spawnSync(process.execPath, ['--import', TSX, '--input-type=module', '-e', script], { cwd: root, env: environment(), encoding: 'utf8' });
  return { status: child.status, stderr: child.stderr };
}

describe('progress and summaries', () => {
  it('says when it found a violation and is shrinking it, and counts runs plainly', () => {
    const result = cli('check', '--acks', '1', '--seed', '1', '--runs', '200', '--commits', '0', '--out', tempDir());
    expect(result.stderr).toMatch(/found a violation at run \d+; shrinking it/);
    expect(result.stdout).toMatch(/found at run \d+ of 200 \([\d.]+ s\); trace: \d+ steps as first found; \d+ after fast-check shrank the schedule's choices \(which can lengthen it\); \d+ minimal/);
  });

  it('check --json prints one summary object', () => {
    const result = cli('check', '--acks', '1', '--seed', '1', '--runs', '200', '--commits', '0', '--json', '--out', tempDir());
    expect(result.status).toBe(1);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ command: 'check', seed: 1, verdict: 'violated', finding: { invariant: 'acked-never-lost', judged: 'allowed', created: true } });
  });

  it('explore --json prints one summary object', () => {
    const result = cli('explore', ...SMALL, '--json', '--workers', '1', '--out', tempDir());
    expect(result.status).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ command: 'explore', verdict: 'no violation', complete: true, stoppedBy: null });
    expect(summary.states).toBeGreaterThan(100);
  });

  it('replay --json has every state', () => {
    const result = cli('replay', TRACE, '--json');
    const replay = JSON.parse(result.stdout);
    expect(replay.initial.partitions['data-0']).toBeDefined();
    expect(replay.steps.every((step: { state: unknown }) => step.state !== null)).toBe(true);
  });

  it('matrix --json prints one summary object', () => {
    const result = cli('matrix', '--era', 'kraft', '--acks', '0', '--runs', '5', '--workers', '1', '--json', '--out', tempDir());
    expect(JSON.parse(result.stdout)).toMatchObject({ command: 'matrix', rows: 1, written: [] });
  });
});

describe('README', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  it('names no path outside the repository (as a link or as a path to look at)', () => {
    expect([...readme.matchAll(/[(`]((\.\.\/)+[^)`]*)[)`]/g)].map((m) => m[1])).toEqual([]);
  });
  it('has a troubleshooting section and one exit-code table', () => {
    expect(readme).toMatch(/## Troubleshooting/);
    expect(readme).toMatch(/\| exit \| check \| explore \| replay \| view \| matrix \| docs \| bench \|/);
  });
});
