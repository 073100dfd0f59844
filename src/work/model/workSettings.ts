// The work model's settings for one folder, read fresh each time (they may change any moment), with
// out-of-range or malformed values clamped to something safe rather than trusted.

import { readSetting, settingDefault, type SettingKey, type SettingScope } from '../../settings/settings';

export interface WorkSettings {
  readonly baseBranch: string | undefined;
  readonly trailerKeys: readonly string[];
  readonly maxCommits: number;
  readonly recentCommits: number;
}

/** The settings whose change means the folder's work must be read again. */
export const WORK_SETTINGS: readonly SettingKey[] = [
  'baseBranch',
  'trailerKeys',
  'history.maxCommits',
  'work.recentCommits',
];

export function readWorkSettings(folder: SettingScope): WorkSettings {
  const base = readSetting('baseBranch', folder).trim();
  // Trailer keys become part of a regular expression and of `git log --format`: word characters only.
  const trailerKeys = readSetting('trailerKeys', folder).filter((k) => /^[A-Za-z0-9-]+$/.test(k));
  return {
    baseBranch: base === '' || base.toLowerCase() === 'auto' ? undefined : base,
    trailerKeys: trailerKeys.length > 0 ? trailerKeys : settingDefault('trailerKeys'),
    maxCommits: readSetting('history.maxCommits', folder),
    recentCommits: readSetting('work.recentCommits', folder),
  };
}
