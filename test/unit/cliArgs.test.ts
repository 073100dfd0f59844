import * as assert from 'node:assert/strict';
import { parseArgs, UsageError } from '../../src/cli/cliCommand';

describe('CLI parseArgs', () => {
  const spec = { flags: ['json'], options: ['since'], lists: ['roadmap'] };

  it('reads flags, options and lists in any order', () => {
    const a = parseArgs(['--roadmap', 'a.yaml', 'b.yaml', '--json', '--since=HEAD~3', '--roadmap=c.yaml'], spec);
    assert.equal(a.flags.has('json'), true);
    assert.equal(a.options.get('since'), 'HEAD~3');
    assert.deepEqual(a.lists.get('roadmap'), ['a.yaml', 'b.yaml', 'c.yaml']);
  });

  it('rejects unknown options, missing values and stray words', () => {
    assert.throws(() => parseArgs(['--nope'], spec), UsageError);
    assert.throws(() => parseArgs(['--since'], spec), /needs a value/);
    assert.throws(() => parseArgs(['--roadmap', '--json'], spec), /at least one/);
    assert.throws(() => parseArgs(['stray'], spec), /Unexpected argument/);
    assert.throws(() => parseArgs(['--json=1'], spec), /no value/);
  });

  it('takes positionals when allowed, everything after -- included', () => {
    const a = parseArgs(['CHK-12', '--', '--json'], { ...spec, positionals: true });
    assert.deepEqual(a.positionals, ['CHK-12', '--json']);
    assert.equal(a.flags.has('json'), false);
  });
});
