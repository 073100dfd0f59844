// Metric history in the real VS Code: on a branch of the sample repository, GROW's metric gets a
// `current` value in three commits (with an invalid-YAML commit between two of them); GROW's card
// then draws the sparkline with those values and their dates, the invalid revision skipped. Git is
// driven from here (test code only); the starting branch is restored and the branch deleted.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../../src/commands/commandIds';
import type { RoadmapLensApi } from '../../../src/extension';
import { parseHtml } from '../../unit/htmlDom';
import { activateApi, firstFolder, waitFor } from './support';

const BRANCH = 'e2e/metric-history';

function git(args: string[], env: NodeJS.ProcessEnv = {}): string {
  const r = spawnSync('git', args, {
    cwd: firstFolder().uri.fsPath,
    encoding: 'utf8',
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0', ...env },
  });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout.trim();
}

function commitAt(date: string, message: string): void {
  const who = { GIT_AUTHOR_NAME: 'e2e', GIT_AUTHOR_EMAIL: 'e2e@example.invalid', GIT_COMMITTER_NAME: 'e2e' };
  git(['add', 'roadmap.yaml']);
  git(['commit', '-q', '-m', message], {
    ...who,
    GIT_COMMITTER_EMAIL: 'e2e@example.invalid',
    GIT_AUTHOR_DATE: `${date}T12:00:00Z`,
    GIT_COMMITTER_DATE: `${date}T12:00:00Z`,
  });
}

describe('metric history on the item card', function () {
  this.timeout(90_000);
  let api: RoadmapLensApi;
  let startBranch = '';
  let stashed = false;
  const roadmapPath = (): string => path.join(firstFolder().uri.fsPath, 'roadmap.yaml');

  before(async () => {
    api = await activateApi();
    await waitFor('the work model', () => api.work.status(firstFolder().uri).kind === 'ready', 60_000);
    startBranch = git(['rev-parse', '--abbrev-ref', 'HEAD']);
    if (git(['status', '--porcelain']) !== '') {
      git(['-c', 'user.name=e2e', '-c', 'user.email=e2e@example.invalid', 'stash', 'push', '-u', '-q']);
      stashed = true;
    }
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    git(['checkout', '-q', '-f', startBranch]);
    git(['branch', '-q', '-D', BRANCH]);
    if (stashed) git(['stash', 'pop', '-q']);
    await waitFor('the starting branch again', () => api.work.status(firstFolder().uri).kind === 'ready', 60_000);
  });

  it('draws the values of GROW’s metric over the roadmap’s commits, with their dates', async () => {
    const original = fs.readFileSync(roadmapPath(), 'utf8');
    const anchor = '        target: 30%\n';
    assert.ok(original.includes(anchor), 'GROW’s metric is in the sample roadmap');
    const withCurrent = (v: string): string => original.replace(anchor, `${anchor}        current: ${v}\n`);
    git(['checkout', '-q', '-b', BRANCH]);
    fs.writeFileSync(roadmapPath(), withCurrent('21%'));
    commitAt('2026-03-02', 'GROW: measured 21%');
    fs.writeFileSync(roadmapPath(), withCurrent('24%'));
    commitAt('2026-04-06', 'GROW: measured 24%');
    fs.writeFileSync(roadmapPath(), 'version: 1\nitems: [\n  - id: GROW\n    metrics: {current: 99%\n');
    commitAt('2026-04-20', 'broken roadmap (not YAML)');
    fs.writeFileSync(roadmapPath(), withCurrent('27%'));
    commitAt('2026-05-04', 'GROW: measured 27%');

    assert.equal(await vscode.commands.executeCommand(Commands.openItemCard, 'GROW'), true);
    const html = await waitFor(
      'the sparkline on GROW’s card',
      () => {
        const h = api.visuals.cards.lastHtml('GROW');
        return h?.includes('class="metric-history"') && h.includes('27%') ? h : undefined;
      },
      60_000,
    );
    const dom = parseHtml(html);
    const times = dom.elements.filter((e) => e.tag === 'time').map((e) => e.attrs.get('datetime'));
    assert.deepEqual(times, ['2026-03-02', '2026-04-06', '2026-05-04']);
    const values = dom.elements.filter((e) => e.tag === 'span' && e.attrs.get('class') === 'value').map((e) => e.text);
    assert.deepEqual(values, ['21%', '24%', '27%'], 'the invalid revision (99%) is skipped');
    const line = dom.elements.find((e) => e.tag === 'polyline' && e.attrs.get('class') === 'spark-line');
    assert.equal(line?.attrs.get('points')?.split(' ').length, 3);
  });
});
