// The JSON Schema (for the YAML extension's completion and checks) and the parser must describe
// the same format: same keys, same id rule, same documents accepted.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { DEFAULT_ROADMAP_GLOBS } from '../../src/core/roadmap/roadmapDiscovery';
import { ID_PATTERN, ITEM_KEYS, METRIC_KEYS, ROOT_KEYS } from '../../src/core/roadmap/roadmapKeys';
import { KNOWN_KINDS, KNOWN_STATUSES } from '../../src/core/roadmap/roadmapTypes';
import { STARTER_ROADMAP_YAML } from '../../src/core/roadmap/starterRoadmap';
import { SPEC_EXAMPLE } from './roadmapFixtures';

const root = path.join(__dirname, '..', '..', '..');
type Json = Record<string, unknown>;
const schema = JSON.parse(readFileSync(path.join(root, 'schemas', 'roadmap.schema.json'), 'utf8')) as Json;
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as Json;

function at(value: unknown, ...keys: string[]): Json {
  let cur = value;
  for (const key of keys) cur = (cur as Json)[key];
  assert.ok(cur && typeof cur === 'object', keys.join('.'));
  return cur as Json;
}

// ajv comes with @vscode/vsce (like markdown-it in itemCard.test.ts): a real draft-07 validator.
type Ajv = { compile(schema: object): ((data: unknown) => boolean) & { errors?: unknown } };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AjvClass = require('ajv') as { default: new (options: object) => Ajv };

describe('roadmap JSON Schema', () => {
  const item = at(schema, 'definitions', 'item');
  const metric = at(schema, 'definitions', 'metric', 'oneOf', '1');

  it("has exactly the parser's keys at the top level, on items and on metrics", () => {
    assert.deepEqual(Object.keys(at(schema, 'properties')).sort(), [...ROOT_KEYS].sort());
    assert.deepEqual(Object.keys(at(item, 'properties')).sort(), [...ITEM_KEYS].sort());
    assert.deepEqual(Object.keys(at(metric, 'properties')).sort(), [...METRIC_KEYS].sort());
  });

  it('closes items and metrics to unknown keys and describes every field', () => {
    assert.equal(item['additionalProperties'], false);
    assert.equal(metric['additionalProperties'], false);
    assert.equal(schema['additionalProperties'], false);
    for (const props of [at(schema, 'properties'), at(item, 'properties'), at(metric, 'properties')]) {
      for (const [key, value] of Object.entries(props))
        assert.ok(typeof (value as Json)['description'] === 'string', `${key} has a description`);
    }
  });

  it('suggests the known kinds and statuses but allows any word', () => {
    const kinds = at(item, 'properties', 'kind', 'anyOf');
    assert.deepEqual(at(kinds, '0')['enum'], [...KNOWN_KINDS]);
    assert.deepEqual(at(kinds, '1'), { type: 'string' });
    const statuses = at(item, 'properties', 'status', 'anyOf');
    assert.deepEqual(at(statuses, '0')['enum'], [...KNOWN_STATUSES]);
  });

  it("uses the parser's id rule and nests items recursively", () => {
    assert.equal(at(item, 'properties', 'id')['pattern'], ID_PATTERN.source);
    assert.equal(at(item, 'properties', 'items', 'items')['$ref'], '#/definitions/item');
  });

  it('accepts the spec example and the starter roadmap, rejects what the parser rejects', () => {
    const validate = new AjvClass.default({ allErrors: true, strict: false }).compile(schema);
    for (const text of [SPEC_EXAMPLE, STARTER_ROADMAP_YAML])
      assert.equal(validate(parse(text)), true, JSON.stringify(validate.errors));
    assert.equal(validate(parse('version: 2\n')), false);
    assert.equal(validate(parse('version: 1\nitems:\n  - id: A\n    ownr: x\n')), false);
    assert.equal(validate(parse('version: 1\nitems:\n  - id: two words\n')), false);
    assert.equal(validate(parse('version: 1\nitems:\n  - title: no id\n')), false);
    assert.equal(
      validate(parse('version: 1\nitems:\n  - id: A\n    items:\n      - id: B\n        metrics: nope\n')),
      false,
    );
  });

  it('is contributed for every default roadmap location', () => {
    const contributions = at(pkg, 'contributes')['yamlValidation'] as { fileMatch: string[]; url: string }[];
    const entry = contributions.find((c) => c.url === './schemas/roadmap.schema.json');
    assert.ok(entry);
    assert.deepEqual(entry.fileMatch, [...DEFAULT_ROADMAP_GLOBS]);
  });
});
