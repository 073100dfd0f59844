// Every `roadmapLens.*` setting is read and watched here, nowhere else.
//
// - Types, defaults, bounds and scopes come from package.json through the generated
//   settingsSchema.ts: no default is copied into code, and a key typed wrong does not compile.
// - Resource-scoped settings must be read for a file or folder, window-scoped ones without one
//   (the signature enforces it): VS Code logs a warning for every read that gets this wrong.
// - A value of the wrong type (settings.json is hand-edited) reads as the default; numbers are
//   clamped to the manifest's bounds. Feature-specific meaning ("auto", allowed characters) stays
//   with the feature.
// - One `onDidChangeConfiguration` listener serves every subscriber, and only while one exists.

import * as vscode from 'vscode';
import { coerceSetting, type SettingKey, type SettingValue } from './coerceSetting';
import { SETTINGS_SCHEMA, SETTINGS_SECTION } from './settingsSchema';

export type { SettingKey, SettingValue } from './coerceSetting';
type Schema = typeof SETTINGS_SCHEMA;

/** Where a setting is read: a resource-scoped one for a file or folder, any other without one. */
export type SettingScope = vscode.Uri | vscode.WorkspaceFolder;
type ScopeArgs<K extends SettingKey> = Schema[K]['scope'] extends 'resource' | 'language-overridable'
  ? [scope: SettingScope]
  : [];

/** The full id as package.json and settings.json spell it. */
export function settingId(key: SettingKey): string {
  return `${SETTINGS_SECTION}.${key}`;
}

/** The default from package.json. */
export function settingDefault<K extends SettingKey>(key: K): SettingValue<K> {
  return SETTINGS_SCHEMA[key].default as SettingValue<K>;
}

export function readSetting<K extends SettingKey>(key: K, ...scope: ScopeArgs<K>): SettingValue<K> {
  const target = scope[0];
  const uri = target === undefined ? undefined : target instanceof vscode.Uri ? target : target.uri;
  const raw = vscode.workspace.getConfiguration(SETTINGS_SECTION, uri).get<unknown>(key);
  return coerceSetting(key, raw);
}

/** What changed, for one configuration change event. */
export interface SettingsChange {
  /** The settings among those subscribed to that changed (anywhere). */
  readonly keys: ReadonlySet<SettingKey>;
  /** Whether `key` changed for this file or folder (a resource-scoped setting may differ per folder). */
  affects(key: SettingKey, scope?: SettingScope): boolean;
}

const changes = new vscode.EventEmitter<vscode.ConfigurationChangeEvent>();
let source: vscode.Disposable | undefined;
let subscribers = 0;

/**
 * Calls `listener` when any of `keys` changes. The one configuration listener behind it starts
 * with the first subscriber and stops with the last, so disposing every subscription leaves
 * nothing behind.
 */
export function onDidChangeSettings(
  keys: readonly SettingKey[],
  listener: (change: SettingsChange) => void,
): vscode.Disposable {
  if (subscribers++ === 0) {
    source = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SETTINGS_SECTION)) changes.fire(e);
    });
  }
  const subscription = changes.event((e) => {
    const changed = new Set(keys.filter((k) => e.affectsConfiguration(settingId(k))));
    if (changed.size === 0) return;
    listener({
      keys: changed,
      affects: (key, scope) => e.affectsConfiguration(settingId(key), scope),
    });
  });
  let disposed = false;
  return {
    dispose: () => {
      if (disposed) return;
      disposed = true;
      subscription.dispose();
      if (--subscribers === 0) {
        source?.dispose();
        source = undefined;
      }
    },
  };
}
