// `roadmap-lens why` against a real repository whose history exercises every attribution source:
// ids in messages, a trailer, a merge carrying its branch name, a renamed file (git mv + edits) at
// a path with spaces and unicode, an uncommitted edit on a branch naming the current item, a file
// owned by `paths`, annotations, a CRLF file, a binary, an untracked file, a symlink, and a file
// outside any repository. Every line's answer is checked against an oracle built from
// `git blame --line-porcelain` (parsed here, independently of the product's parser).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { WhyJson } from '../../src/cli/whyCommand';
import { main } from '../../src/cli/main';
import { blameFile } from '../../src/git/blameRunner';
import { GitRunner } from '../../src/git/gitRunner';

let clock = 1_700_000_000;
function git(cwd: string, ...args: string[]): string {
  clock += 3600;
  const date = `${clock} +0000`;
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: cwd, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
  }).trim();
}

async function cli(cwd: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { cwd, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function whyJson(cwd: string, ...args: string[]): Promise<WhyJson> {
  const r = await cli(cwd, 'why', ...args, '--json');
  assert.equal(r.code, 0, r.err);
  return JSON.parse(r.out) as WhyJson;
}

interface OracleLine {
  sha: string;
  summary: string;
  filename: string;
}

/** Reads `git blame --line-porcelain`: every line carries its full header, so no state is needed. */
function oracle(cwd: string, file: string): OracleLine[] {
  const raw = execFileSync('git', ['-c', 'core.quotePath=false', 'blame', '--line-porcelain', '--', file], {
    cwd,
    encoding: 'utf8',
  });
  const out: OracleLine[] = [];
  let cur: Partial<OracleLine> = {};
  for (const line of raw.split('\n')) {
    if (line.startsWith('\t')) {
      out.push({ sha: cur.sha ?? '', summary: cur.summary ?? '', filename: cur.filename ?? '' });
      cur = {};
    } else if (/^[0-9a-f]{40} \d+ \d+/.test(line)) cur.sha = line.slice(0, 40);
    else if (line.startsWith('summary ')) cur.summary = line.slice(8);
    else if (line.startsWith('filename ')) cur.filename = line.slice(9);
  }
  return out;
}

const ROADMAP = [
  'version: 1',
  'product: Shop',
  'items:',
  '  - id: CHK',
  '    kind: epic',
  '    title: Checkout',
  '    why: Shoppers abandon carts they cannot rebuild',
  '    paths: ["src/cart/**"]',
  '    items:',
  '      - id: CHK-12',
  '        kind: feature',
  '        title: One-click reorder',
  '        why: Weekly shoppers rebuild the same cart every week',
  '      - id: CHK-13',
  '        kind: feature',
  '        title: Saved carts',
  '  - id: PAY-3',
  '    kind: feature',
  '    title: Wallets',
  '  - id: PAY-4',
  '    kind: feature',
  '    title: Refunds',
  '  - id: OPS-1',
  '    kind: feature',
  '    title: Faster pages',
  '',
].join('\n');

/** What each commit (by subject) links to, written down from the history built below. */
const HISTORY_ITEMS: Record<string, string[]> = {
  'Initial import': [],
  'CHK-12: reorder from history': ['CHK-12'],
  'Tidy the totals': ['PAY-3'],
  'save carts for later': ['CHK-13'],
  "Merge branch 'feature/chk-13-saved'": ['CHK-13'],
  'Move helpers': [],
  'Line endings': ['PAY-4'],
};

describe('roadmap-lens why (git)', function () {
  this.timeout(60_000);
  let dir: string;
  let outside: string;
  const renamed = 'src/ünï côde/new name.ts';

  before(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rl-why-')));
    outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rl-why-out-')));
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'config', 'user.email', 't@example.com');
    git(dir, 'config', 'user.name', 'T');
    git(dir, 'config', 'core.autocrlf', 'false');
    fs.mkdirSync(path.join(dir, 'src', 'cart'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'roadmap.yaml'), ROADMAP);
    fs.writeFileSync(
      path.join(dir, 'src', 'app.ts'),
      [
        'export function reorder(id: string): void {',
        '  console.log(id);',
        '}',
        '',
        '// Roadmap: PAY-4',
        'export function refund(): number {',
        '  return 1;',
        '}',
        '',
        'export function total(xs: number[]): number {',
        '  return xs.length;',
        '}',
        '',
        'export function save(): void {',
        '  return;',
        '}',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(path.join(dir, 'src', 'cart', 'cart.ts'), 'export const cart = 1;\nexport const more = 2;\n');
    fs.writeFileSync(
      path.join(dir, 'src', 'old.ts'),
      'export const a = 1;\nexport const b = 2;\nexport const c = 3;\n',
    );
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'Initial import');

    const app = path.join(dir, 'src', 'app.ts');
    fs.writeFileSync(
      app,
      fs.readFileSync(app, 'utf8').replace('  console.log(id);', '  console.log(`reorder ${id}`);'),
    );
    git(dir, 'commit', '-qam', 'CHK-12: reorder from history');

    fs.writeFileSync(
      app,
      fs.readFileSync(app, 'utf8').replace('  return xs.length;', '  return xs.reduce((a, b) => a + b, 0);'),
    );
    git(dir, 'commit', '-qam', 'Tidy the totals\n\nSome words about it.\n\nRoadmap: PAY-3');

    git(dir, 'checkout', '-qb', 'feature/chk-13-saved');
    fs.writeFileSync(
      app,
      fs.readFileSync(app, 'utf8').replace('  return;\n}', '  localStorage.setItem("cart", "1");\n}'),
    );
    git(dir, 'commit', '-qam', 'save carts for later');
    git(dir, 'checkout', '-q', 'main');
    git(dir, 'merge', '--no-ff', '-q', '-m', "Merge branch 'feature/chk-13-saved'", 'feature/chk-13-saved');
    git(dir, 'branch', '-D', 'feature/chk-13-saved');

    fs.mkdirSync(path.join(dir, 'src', 'ünï côde'));
    git(dir, 'mv', 'src/old.ts', renamed);
    fs.writeFileSync(path.join(dir, renamed), 'export const a = 1;\nexport const B = 20;\nexport const c = 3;\n');
    git(dir, 'commit', '-qam', 'Move helpers');

    fs.writeFileSync(path.join(dir, 'src', 'crlf.ts'), 'export const x = 1;\r\n// note\r\nexport const y = 2;\r\n');
    fs.writeFileSync(path.join(dir, 'logo.bin'), Buffer.from([0x89, 0x50, 0x00, 0x01, 0x0a, 0x00]));
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'Line endings\n\nRefs: PAY-4');

    // The current work: a branch naming OPS-1, with an uncommitted new function.
    git(dir, 'checkout', '-qb', 'feature/ops-1-speed');
    fs.appendFileSync(app, 'export function fast(): void {\n  return;\n}\n');
    fs.writeFileSync(path.join(dir, 'src', 'new.ts'), 'export const fresh = 1;\n');
    fs.symlinkSync('src/app.ts', path.join(dir, 'link.ts'));

    fs.writeFileSync(path.join(outside, 'loose.ts'), '// CHK-12 lives here\nexport const z = 1;\n');
    fs.writeFileSync(path.join(outside, 'roadmap.yaml'), ROADMAP);
  });

  /** Every line: the commit equals the oracle's, and the items are exactly the expected union. */
  async function checkEveryLine(
    file: string,
    expectStatic: (line: number, text: string) => string[],
  ): Promise<WhyJson> {
    const json = await whyJson(dir, file, '--lines');
    const truth = oracle(dir, file);
    const perLine = json.perLine ?? [];
    assert.equal(perLine.length, truth.length, `${file}: line count`);
    const text = fs.readFileSync(path.join(dir, file), 'utf8').split('\n');
    for (let i = 0; i < truth.length; i++) {
      const t = truth[i] as OracleLine;
      const got = perLine[i];
      assert.equal(got?.commit, t.sha, `${file}:${i + 1} commit`);
      const uncommitted = /^0+$/.test(t.sha);
      const history = uncommitted ? ['OPS-1'] : HISTORY_ITEMS[t.summary];
      assert.ok(history, `${file}:${i + 1}: the oracle names an unexpected commit "${t.summary}"`);
      const expected = [...new Set([...history, ...expectStatic(i, text[i] ?? '')])].sort();
      assert.deepEqual(got?.items.map((x) => x.id).sort(), expected, `${file}:${i + 1} items (commit "${t.summary}")`);
    }
    return json;
  }

  it('answers every line of a file with history, merge, trailer, annotation and an uncommitted edit like the oracle', async () => {
    const json = await checkEveryLine('src/app.ts', (line) => (line >= 4 && line <= 7 ? ['PAY-4'] : []));
    assert.equal(json.currentItem, 'OPS-1');
    assert.equal(json.state, 'ok');
    const byName = new Map(json.symbols.map((s) => [s.name, s.items.map((i) => i.id)]));
    assert.equal(byName.get('reorder')?.[0], 'CHK-12');
    assert.equal(byName.get('refund')?.[0], 'PAY-4');
    assert.equal(byName.get('total')?.[0], 'PAY-3');
    assert.equal(byName.get('save')?.[0], 'CHK-13');
    assert.deepEqual(byName.get('fast'), ['OPS-1']);
  });

  it('follows a renamed file at a path with spaces and unicode', async () => {
    const json = await checkEveryLine(renamed, () => []);
    const truth = oracle(dir, renamed);
    assert.equal(truth[0]?.filename, 'src/old.ts', 'the oracle itself follows the rename');
    assert.equal(json.file, renamed);
  });

  it('attributes owned paths to every line, and reads CRLF files', async () => {
    await checkEveryLine('src/cart/cart.ts', () => ['CHK']);
    const crlf = await checkEveryLine('src/crlf.ts', () => []);
    assert.equal(crlf.lineCount, 3);
  });

  it('prints a line with its evidence in text', async () => {
    const r = await cli(dir, 'why', 'src/app.ts:2');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^src\/app\.ts:2 {2}\(function reorder\)/);
    assert.match(r.out, /CHK-12 {2}One-click reorder \(feature\)/);
    assert.match(r.out, /Weekly shoppers rebuild the same cart every week/);
    assert.match(
      r.out,
      /last changed in [0-9a-f]{7} "CHK-12: reorder from history" — \d+ (?:day|week|month|year)s? ago \(message\)/,
    );
    const merged = await cli(dir, 'why', 'src/app.ts:15');
    assert.match(
      merged.out,
      /CHK-13 .*\n.*last changed in [0-9a-f]{7} "save carts for later" .*\(merge of feature\/chk-13-saved\)/,
    );
    const fresh = await cli(dir, 'why', 'src/app.ts:18');
    assert.match(fresh.out, /OPS-1 {2}Faster pages[\s\S]*not committed yet: the current work item/);
    const annotated = await cli(dir, 'why', 'src/app.ts:7');
    assert.match(annotated.out, /PAY-4[\s\S]*annotation on line 5: "Roadmap: PAY-4" \(heads the symbol\)/);
  });

  it('prints the whole file with line counts and symbols', async () => {
    const r = await cli(dir, 'why', 'src/app.ts');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^src\/app\.ts: 19 lines, \d+ items/);
    assert.match(r.out, /Symbols \(found by a line-based heuristic\):/);
    assert.match(r.out, /function reorder {2}L1-3 {2}CHK-12 1\/3/);
  });

  it('gives annotation lines 1-based in JSON, and honours --trailer-key', async () => {
    const json = await whyJson(dir, 'src/app.ts:7');
    const pay4 = json.line?.items.find((i) => i.id === 'PAY-4')?.evidence.find((e) => e.kind === 'annotation');
    assert.deepEqual(pay4, { kind: 'annotation', line: 5, comment: 'Roadmap: PAY-4', explicit: true, scope: 'symbol' });
    const other = await whyJson(dir, 'src/app.ts:11', '--trailer-key', 'Implements');
    const how = other.line?.items
      .find((i) => i.id === 'PAY-3')
      ?.evidence.map((e) => (e.kind === 'history' ? e.how : e.kind));
    // `Roadmap:` is no longer a trailer key, so the id counts as a plain mention in the message.
    assert.deepEqual(how, ['message']);
  });

  it('gives the line JSON with evidence', async () => {
    const json = await whyJson(dir, 'src/app.ts:11');
    assert.equal(json.line?.line, 11);
    assert.equal(json.line?.commit?.summary, 'Tidy the totals');
    const pay3 = json.line?.items.find((i) => i.id === 'PAY-3');
    assert.equal(pay3?.evidence[0]?.kind, 'history');
    assert.equal(pay3?.evidence[0]?.kind === 'history' ? pay3.evidence[0].how : '', 'trailer');
  });

  it('treats an untracked file as new work for the current item', async () => {
    const json = await whyJson(dir, 'src/new.ts');
    assert.equal(json.state, 'untracked');
    assert.deepEqual(
      json.items.map((i) => [i.id, i.lines]),
      [['OPS-1', 1]],
    );
  });

  it('follows a symlink to the file it points to', async () => {
    const json = await whyJson(dir, 'link.ts');
    assert.equal(json.file, 'src/app.ts');
    assert.equal(json.state, 'ok');
  });

  it('reports binary and missing files as states, not errors', async () => {
    const bin = await whyJson(dir, 'logo.bin');
    assert.equal(bin.state, 'binary');
    assert.deepEqual(bin.items, []);
    const missing = await cli(dir, 'why', 'nope.ts');
    assert.equal(missing.code, 1);
    assert.match(missing.err, /nope\.ts: no such file/);
  });

  it('works outside any repository with annotations only', async () => {
    const json = await whyJson(outside, 'loose.ts');
    assert.equal(json.state, 'not-in-repo');
    assert.equal(json.repo, null);
    assert.deepEqual(
      json.items.map((i) => [i.id, i.lines]),
      [['CHK-12', 1]],
    );
  });

  it('refuses a line past the end', async () => {
    const r = await cli(dir, 'why', 'src/app.ts:99');
    assert.equal(r.code, 2);
  });

  it('blames an editor buffer (--contents) so edited lines stay aligned, and never throws', async () => {
    const runner = new GitRunner({ cwd: dir, isTrusted: () => true });
    const text = fs.readFileSync(path.join(dir, 'src', 'app.ts'), 'utf8');
    const edited = `// a new first line\n${text}`;
    const r = await blameFile(runner, 'src/app.ts', { contents: edited });
    assert.equal(r.state, 'ok');
    if (r.state !== 'ok') return;
    const truth = oracle(dir, 'src/app.ts');
    assert.equal(r.blame.lineCount, truth.length + 1);
    assert.equal(r.blame.commits[r.blame.lineCommit[0] ?? -1]?.uncommitted, true);
    for (let i = 0; i < truth.length; i++)
      assert.equal(r.blame.commits[r.blame.lineCommit[i + 1] ?? -1]?.sha, truth[i]?.sha);
    assert.equal((await blameFile(runner, 'src/new.ts')).state, 'untracked');
    assert.equal((await blameFile(runner, 'gone.ts')).state, 'untracked');
    fs.copyFileSync(path.join(dir, 'src', 'crlf.ts'), path.join(dir, 'keep.tmp'));
    fs.unlinkSync(path.join(dir, 'src', 'crlf.ts'));
    try {
      assert.equal((await blameFile(runner, 'src/crlf.ts')).state, 'missing');
      assert.equal((await blameFile(runner, 'src/crlf.ts', { contents: 'export const x = 1;\r\n' })).state, 'ok');
    } finally {
      fs.renameSync(path.join(dir, 'keep.tmp'), path.join(dir, 'src', 'crlf.ts'));
    }
    assert.equal((await blameFile(runner, 'logo.bin', { contents: '\0\u0001' })).state, 'binary');
    assert.equal((await blameFile(runner, '../elsewhere.ts')).state, 'not-in-repo');
    const untrusted = new GitRunner({ cwd: dir, isTrusted: () => false });
    assert.equal((await blameFile(untrusted, 'src/app.ts')).state, 'untrusted');
    const controller = new AbortController();
    controller.abort();
    assert.equal((await blameFile(runner, 'src/app.ts', { signal: controller.signal })).state, 'cancelled');
    const noGit = new GitRunner({ cwd: dir, isTrusted: () => true, gitPath: path.join(dir, 'no-such-git') });
    assert.equal((await blameFile(noGit, 'src/app.ts')).state, 'no-git');
  });
});
