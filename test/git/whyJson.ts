// `roadmap-lens why FILE --json --lines` run in this process (the CLI's own main), for the tests
// that compare answers with and without a cache: the parsed JSON and what went to stderr.
import * as assert from 'node:assert/strict';
import { main } from '../../src/cli/main';
import type { WhyJson } from '../../src/cli/whyCommand';

export async function whyJson(cwd: string, file: string, ...flags: string[]): Promise<{ json: WhyJson; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['why', file, '--json', '--lines', ...flags], {
    cwd,
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  });
  assert.equal(code, 0, err.join('\n'));
  return { json: JSON.parse(out.join('\n')) as WhyJson, err: err.join('\n') };
}
