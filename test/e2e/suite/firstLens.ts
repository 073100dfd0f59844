// How the first-lens measurement of performance.test.ts picks and times its files: typical sizes
// (30, 400 and 1,200 lines, as the table), two per size (one answered by git, one by the
// blame store the CLI filled), files no other suite opens.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RoadmapLensApi } from '../../../src/extension';
import { BlameStore } from '../../../src/fs/blameStore';
import { sleep } from './support';

const SOURCE = /\.(ts|js|java|go|py|rb|rs|kt|cs|c|cc|cpp|h|php|swift|md|json)$/;
/** Files other suites open in the sample workspace (their blame may already be in memory), and roadmaps (no lenses). */
const USED_ELSEWHERE = /(^|\/)(cart|query|payment|filters)\.ts$|roadmap/;

export interface TypicalFile {
  readonly rel: string;
  readonly lines: number;
}

/** Per target size, the two committed source files nearest to it (fewer when the folder has fewer). */
export function typicalFilePairs(root: string, targets: readonly number[]): TypicalFile[][] {
  const listed = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8', maxBuffer: 256 << 20 })
    .split('\0')
    .filter((f) => SOURCE.test(f) && !USED_ELSEWHERE.test(f));
  const files: TypicalFile[] = [];
  for (const rel of listed.slice(0, 20_000)) {
    try {
      const text = fs.readFileSync(path.join(root, rel), 'utf8');
      files.push({ rel, lines: text.split('\n').length - (text.endsWith('\n') ? 1 : 0) });
    } catch {
      // A file of the index missing from the work tree: not a candidate.
    }
  }
  const taken = new Set<string>();
  return targets.map((target) => {
    const pair = files
      .filter((f) => !taken.has(f.rel))
      .sort((a, b) => Math.abs(a.lines - target) - Math.abs(b.lines - target) || (a.rel < b.rel ? -1 : 1))
      .slice(0, 2);
    for (const f of pair) taken.add(f.rel);
    return pair;
  });
}

/** Milliseconds of `git blame --incremental` of the file (what the lens waits for at least). */
export function rawBlameMs(root: string, rel: string): number {
  const t = performance.now();
  execFileSync('git', ['blame', '--incremental', '--', rel], { cwd: root, maxBuffer: 256 << 20 });
  return performance.now() - t;
}

/** Removes the store's entry for the file at HEAD (the file name depends on HEAD and path only). */
export async function forgetStored(root: string, rel: string): Promise<void> {
  const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  const store = await BlameStore.open(path.join(root, '.git'));
  fs.rmSync(store.fileOf({ head, path: rel, digest: '' }), { force: true });
}

/**
 * Opens the file in an editor and waits for its lenses with history: milliseconds from the open
 * to the lens provider's answer, and where the blame came from. Also split: `shownMs`, when the
 * editor showed the file (the target counts from there), and `answeredMs`, when the model's
 * answer with history was in (the rest is VS Code's lens request round trip).
 */
export async function firstLens(
  api: RoadmapLensApi,
  folder: vscode.WorkspaceFolder,
  rel: string,
): Promise<{ ms: number; shownMs: number; answeredMs: number; from: string; lenses: number }> {
  const started = performance.now();
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, rel));
  await vscode.window.showTextDocument(doc, { preview: true });
  const shownMs = performance.now() - started;
  for (let i = 0; i < 6000; i++) {
    const r = await api.attribution.attributionFor(doc);
    if (r?.history === 'used') {
      const answeredMs = performance.now() - started;
      const lenses =
        (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 100)) ?? [];
      const ms = performance.now() - started;
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      return { ms, shownMs, answeredMs, from: r.blameFrom ?? 'none', lenses: lenses.length };
    }
    await sleep(10);
  }
  throw new Error(`no lens with history on ${rel}`);
}
