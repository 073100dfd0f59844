// Explorer badges: files touched by the current item's commits get a ◆ and a tooltip naming the
// item, so an engineer sees the feature's footprint. The file list comes from the work model
// (which runs git in the background); this provider only maps it to decorations.

import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RoadmapModel } from '../roadmap/model/roadmapModel';
import type { WorkModel } from './model/workModel';
import { onDidChangeSettings, readSetting } from '../settings/settings';

export const TOUCHED_BADGE = '◆';
export const TOUCHED_COLOR_ID = 'roadmapLens.touchedByCurrentItem';

export function touchedTooltip(id: string, title: string): string {
  const flat = title.replace(/\s+/g, ' ').trim();
  return `Touched by ${id} ${flat.length > 80 ? `${flat.slice(0, 79)}…` : flat}`;
}

export class CurrentItemDecorationProvider implements vscode.FileDecorationProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.Uri[]>();
  readonly onDidChangeFileDecorations = this.emitter.event;
  /** uri.toString() → tooltip */
  private decorated = new Map<string, { uri: vscode.Uri; tooltip: string }>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    roadmaps: RoadmapModel,
    private readonly work: WorkModel,
  ) {
    this.subscriptions.push(
      this.emitter,
      work.onDidChange(() => this.update()),
      roadmaps.onDidChange(() => this.update()),
      onDidChangeSettings(['badges.enabled'], () => this.update()),
    );
    this.update();
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    const hit = this.decorated.get(uri.toString());
    if (!hit) return undefined;
    const decoration = new vscode.FileDecoration(TOUCHED_BADGE, hit.tooltip, new vscode.ThemeColor(TOUCHED_COLOR_ID));
    decoration.propagate = false;
    return decoration;
  }

  /** The tooltip of a decorated file, for tests. */
  tooltipFor(uri: vscode.Uri): string | undefined {
    return this.decorated.get(uri.toString())?.tooltip;
  }

  get size(): number {
    return this.decorated.size;
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }

  private update(): void {
    const next = new Map<string, { uri: vscode.Uri; tooltip: string }>();
    if (readSetting('badges.enabled')) {
      for (const folder of this.work.gitFolders()) {
        const status = this.work.status(folder.uri);
        if (status.kind !== 'ready' || !status.current) continue;
        const root = this.work.repositoryRoot(folder.uri);
        const files = this.work.activity.filesTouchedBy(folder.uri, status.current.item.id);
        if (root === undefined || !files) continue;
        const tooltip = touchedTooltip(status.current.item.id, status.current.item.title);
        for (const f of files) {
          const uri = vscode.Uri.file(path.join(root, ...f.path.split('/')));
          next.set(uri.toString(), { uri, tooltip });
        }
      }
    }
    const changed: vscode.Uri[] = [];
    for (const [key, old] of this.decorated) {
      if (next.get(key)?.tooltip !== old.tooltip) changed.push(old.uri);
    }
    for (const [key, now] of next) {
      if (!this.decorated.has(key)) changed.push(now.uri);
    }
    this.decorated = next;
    if (changed.length > 0) this.emitter.fire(changed);
  }
}

export function registerCurrentItemDecorations(
  context: vscode.ExtensionContext,
  roadmaps: RoadmapModel,
  work: WorkModel,
): CurrentItemDecorationProvider {
  const provider = new CurrentItemDecorationProvider(roadmaps, work);
  context.subscriptions.push(provider, vscode.window.registerFileDecorationProvider(provider));
  return provider;
}
