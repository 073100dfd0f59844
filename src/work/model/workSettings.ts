// The work model's settings for one folder, read fresh each time (they may change any moment), with
// out-of-range or malformed values clamped to something safe rather than trusted.

import * as vscode from 'vscode';
import { DEFAULT_TRAILER_KEYS } from '../../core/gitOutput/trailers';

export interface WorkSettings {
  readonly baseBranch: string | undefined;
  readonly trailerKeys: readonly string[];
  readonly maxCommits: number;
  readonly recentCommits: number;
}

export function readWorkSettings(folder: vscode.WorkspaceFolder): WorkSettings {
  const config = vscode.workspace.getConfiguration('roadmapLens', folder.uri);
  const base = config.get<string>('baseBranch', 'auto').trim();
  const keys = config.get<unknown>('trailerKeys');
  const trailerKeys = Array.isArray(keys)
    ? keys.filter((k): k is string => typeof k === 'string' && /^[A-Za-z0-9-]+$/.test(k))
    : [];
  const number = (key: string, fallback: number, min: number, max: number): number => {
    const v = config.get<number>(key, fallback);
    return Number.isFinite(v) ? Math.min(max, Math.max(min, Math.floor(v))) : fallback;
  };
  return {
    baseBranch: base === '' || base.toLowerCase() === 'auto' ? undefined : base,
    trailerKeys: trailerKeys.length > 0 ? trailerKeys : DEFAULT_TRAILER_KEYS,
    maxCommits: number('history.maxCommits', 20000, 100, 10_000_000),
    recentCommits: number('work.recentCommits', 10, 0, 200),
  };
}
