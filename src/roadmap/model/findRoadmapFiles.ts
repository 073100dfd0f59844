// Which files are a workspace folder's roadmap: its `roadmapLens.files` entries (or the defaults),
// each one a stat, a directory listing or a search, and entries that name a roadmap outside the
// folder (a sibling checkout, an absolute path) or kept in git (`REV:PATH`, trusted workspaces
// only). The model reads what this finds.

import * as vscode from 'vscode';
import {
  DEFAULT_ROADMAP_GLOBS,
  matchesRoadmapGlob,
  outsideRoadmapEntry,
  planRoadmapGlob,
  type GlobPlan,
  type OutsideRoadmapEntry,
} from '../../core/roadmap/roadmapDiscovery';
import type { WatchTarget } from './roadmapWatcher';
import type { GitObjectRoadmaps } from './gitObjectRoadmaps';
import { parseGitObjectSpec } from '../../core/roadmap/gitObjectSpec';
import { filesIn, isDirectory, isFile } from './workspaceFiles';
import { readSetting, settingDefault } from '../../settings/settings';

/** The folder's `roadmapLens.files` entries, or the defaults when none is set. */
export function roadmapGlobsFor(folder: vscode.WorkspaceFolder): string[] {
  const globs = readSetting('files', folder).filter((g) => g.trim() !== '');
  return [...(globs.length > 0 ? globs : settingDefault('files'))];
}

/**
 * The folder's roadmap files, each once. Outside files are watched through `outside` (the folder's
 * own watcher sees the rest).
 */
export async function findRoadmapFiles(
  folder: vscode.WorkspaceFolder,
  outside: WatchTarget[],
  gitObjects: GitObjectRoadmaps,
  log: vscode.LogOutputChannel,
  notices: string[] = [],
): Promise<vscode.Uri[]> {
  const byKey = new Map<string, vscode.Uri>();
  const found = await Promise.all(
    roadmapGlobsFor(folder).map(async (glob) => {
      try {
        const spec = parseGitObjectSpec(glob.trim());
        // A file whose name has a colon is still a file (as in the CLI).
        if (spec && !(await isFile(vscode.Uri.joinPath(folder.uri, glob.trim())))) {
          if (!vscode.workspace.isTrusted) {
            // No git in Restricted Mode: said once, where the user sees it (the tree view shows notices).
            const note = `${folder.name}: the roadmap ${glob.trim()} is kept in git; Roadmap Lens reads it with git once you trust this workspace.`;
            log.info(note);
            notices.push(note);
            return [];
          }
          return [gitObjects.uriFor(folder, spec)];
        }
        const entry = outsideRoadmapEntry(glob);
        if (entry) return await outsideFiles(folder, entry, outside, log);
        return await filesFor(folder.uri, planRoadmapGlob(glob), folder);
      } catch (err) {
        log.warn(`Could not search ${folder.name} for ${glob}`, err);
        return [];
      }
    }),
  );
  for (const uri of found.flat()) byKey.set(uri.toString(), uri);
  return [...byKey.values()];
}

/**
 * A roadmap outside the folder (`../roadmap`, an absolute path): a file, a folder searched with
 * the default globs, or a folder's files whose names match a pattern. Read only in a trusted
 * workspace: a repository's own settings must not make Restricted Mode read files elsewhere.
 */
async function outsideFiles(
  folder: vscode.WorkspaceFolder,
  entry: OutsideRoadmapEntry,
  watch: WatchTarget[],
  log: vscode.LogOutputChannel,
): Promise<vscode.Uri[]> {
  if (folder.uri.scheme !== 'file') return [];
  if (!vscode.workspace.isTrusted) {
    log.info(`${folder.name}: the roadmap at ${entry.path} is outside the folder; read once the workspace is trusted.`);
    return [];
  }
  const target = entry.absolute ? vscode.Uri.file(entry.path) : vscode.Uri.joinPath(folder.uri, entry.path);
  if (entry.namePattern !== undefined) {
    watch.push({ base: target, pattern: entry.namePattern });
    const pattern = entry.namePattern;
    return (await filesIn(target))
      .filter((name) => matchesRoadmapGlob(name, [pattern]))
      .map((name) => vscode.Uri.joinPath(target, name));
  }
  // The parent with the name as pattern: sees the file (or folder) appear, change and go.
  const parent = vscode.Uri.joinPath(target, '..');
  const name = target.path.slice(target.path.lastIndexOf('/') + 1);
  watch.push({ base: parent, pattern: name });
  if (await isFile(target)) return [target];
  if (!(await isDirectory(target))) return [];
  const found: vscode.Uri[] = [];
  for (const glob of DEFAULT_ROADMAP_GLOBS) {
    watch.push({ base: target, pattern: glob });
    found.push(...(await filesFor(target, planRoadmapGlob(glob))));
  }
  return found;
}

/** A stat or one directory listing where the glob allows it: the search service walks the whole folder. */
async function filesFor(base: vscode.Uri, plan: GlobPlan, folder?: vscode.WorkspaceFolder): Promise<vscode.Uri[]> {
  switch (plan.kind) {
    case 'file': {
      const uri = vscode.Uri.joinPath(base, plan.path);
      return (await isFile(uri)) ? [uri] : [];
    }
    case 'directory': {
      const dir = plan.dir === '' ? base : vscode.Uri.joinPath(base, plan.dir);
      return (await filesIn(dir))
        .filter((name) => matchesRoadmapGlob(plan.dir === '' ? name : `${plan.dir}/${name}`, [plan.glob]))
        .map((name) => vscode.Uri.joinPath(dir, name));
    }
    case 'search':
      return vscode.workspace.findFiles(new vscode.RelativePattern(folder ?? base, plan.glob));
  }
}
