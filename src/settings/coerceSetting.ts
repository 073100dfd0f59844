// A setting's value as the code may use it. settings.json is edited by hand and may hold anything:
// a value of the wrong type reads as the package.json default, a number is clamped to the
// manifest's bounds (and made whole for an `integer`), a list keeps only its strings.
// No vscode here, so unit tests can run it.

import { SETTINGS_SCHEMA } from './settingsSchema';

type Schema = typeof SETTINGS_SCHEMA;
export type SettingKey = keyof Schema;

type ValueOfType<T> = T extends 'boolean'
  ? boolean
  : T extends 'number' | 'integer'
    ? number
    : T extends 'string'
      ? string
      : T extends 'array'
        ? readonly string[]
        : never;
export type SettingValue<K extends SettingKey> = ValueOfType<Schema[K]['type']>;

interface SchemaEntry {
  readonly type: 'boolean' | 'number' | 'integer' | 'string' | 'array';
  readonly default: unknown;
  readonly minimum?: number;
  readonly maximum?: number;
}

export function coerceSetting<K extends SettingKey>(key: K, raw: unknown): SettingValue<K> {
  const schema: SchemaEntry = SETTINGS_SCHEMA[key];
  const fallback = schema.default as SettingValue<K>;
  switch (schema.type) {
    case 'boolean':
    case 'string':
      return (typeof raw === schema.type ? raw : fallback) as SettingValue<K>;
    case 'number':
    case 'integer': {
      if (typeof raw !== 'number' || !Number.isFinite(raw)) return fallback;
      const whole = schema.type === 'integer' ? Math.floor(raw) : raw;
      return Math.min(schema.maximum ?? Infinity, Math.max(schema.minimum ?? -Infinity, whole)) as SettingValue<K>;
    }
    case 'array':
      return (Array.isArray(raw) ? raw.filter((v): v is string => typeof v === 'string') : fallback) as SettingValue<K>;
  }
}
