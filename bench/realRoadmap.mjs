// Writes a roadmap for a REAL repository from its own history, so the bench and manual checks can
// run on real code with a roadmap whose ids its commits actually mention:
//   one goal → one initiative per major version → one epic per release tag → one feature per
//   issue key found in commit messages (LANG-853, or "#123" as a ref of COBRA-123), placed under
//   the first release made after the key's first mention.
// Usage:
//   node bench/realRoadmap.mjs --repo /work/realrepos/commons-lang --key 'LANG-(\d+)' --prefix LANG --out roadmap.yaml
//   node bench/realRoadmap.mjs --repo /work/realrepos/cobra --key '#(\d+)' --prefix COBRA --ref '#' --out roadmap.yaml
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values: opts } = parseArgs({
  options: {
    repo: { type: 'string' },
    key: { type: 'string', default: '([A-Z][A-Z0-9]+-\\d+)' },
    prefix: { type: 'string', default: 'ISSUE' },
    /** When set, the key is not itself an id: the id is PREFIX-n and `${ref}n` becomes a ref. */
    ref: { type: 'string' },
    product: { type: 'string' },
    out: { type: 'string' },
  },
});
if (!opts.repo || !opts.out) {
  console.error('usage: node bench/realRoadmap.mjs --repo PATH --out FILE [--key REGEX] [--prefix P] [--ref #]');
  process.exit(2);
}

const git = (...args) => execFileSync('git', ['-C', opts.repo, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
const q = (text) => JSON.stringify(text);

/** Release tags, oldest first, one per version (RCs, betas and dev tags left out). */
function releases() {
  const out = [];
  const seen = new Set();
  for (const line of git('tag', '--sort=creatordate', '--format=%(refname:short) %(creatordate:unix)').split('\n')) {
    const [tag, time] = line.split(' ');
    if (!tag || /rc|[-_.]b\d|dev|beta|alpha|milestone/i.test(tag)) continue;
    const version = (tag.match(/(\d+)[._](\d+)(?:[._](\d+))?/) ?? []).slice(1).filter(Boolean).join('.');
    if (!version || seen.has(version)) continue;
    seen.add(version);
    out.push({ version, time: Number(time), major: version.split('.')[0] });
  }
  return out;
}

/** Every key's first mention (oldest commit) and the subject that introduced it. */
function keys() {
  const re = new RegExp(opts.key, 'g');
  const first = new Map();
  const log = git('log', '--reverse', '--format=%x1e%ct%x1f%s%x1f%B');
  for (const record of log.split('\x1e')) {
    const [time, subject, body] = record.split('\x1f');
    if (!body) continue;
    for (const m of body.matchAll(re)) {
      const n = m[1] ?? m[0];
      if (first.has(n)) continue;
      first.set(n, { time: Number(time), subject: subject.trim() });
    }
  }
  return first;
}

const tags = releases();
const found = keys();
const lines = [
  'version: 1',
  `product: ${q(opts.product ?? opts.repo.split('/').filter(Boolean).pop())}`,
  'items:',
  '  - id: GOAL',
  '    kind: goal',
  `    title: ${q('A dependable library for everyday code')}`,
  `    why: ${q('Developers re-implement the same helpers in every project, with the same bugs.')}`,
  '    status: in-progress',
];
const majors = [...new Set(tags.map((t) => t.major))];
for (const major of majors) {
  lines.push(
    `  - id: V${major}`,
    '    kind: initiative',
    '    parent: GOAL',
    `    title: ${q(`Version ${major} line`)}`,
    `    why: ${q(`Users on the ${major}.x line need fixes without breaking their builds.`)}`,
  );
}
lines.push(
  '  - id: NEXT',
  '    kind: initiative',
  '    parent: GOAL',
  `    title: ${q('Unreleased work')}`,
  `    why: ${q('Changes merged after the last release, waiting for the next one.')}`,
);
const epicOf = (time) => tags.find((t) => t.time >= time);
for (const t of tags) {
  lines.push(
    `  - id: REL-${t.version}`,
    '    kind: epic',
    `    parent: V${t.major}`,
    `    title: ${q(`Release ${t.version}`)}`,
    `    why: ${q(`Everything users asked for that shipped in ${t.version}.`)}`,
    '    status: shipped',
  );
}
let features = 0;
for (const [key, { time, subject }] of found) {
  const number = key.match(/\d+/)?.[0] ?? key;
  const id = `${opts.prefix}-${number}`;
  const release = epicOf(time);
  const title = subject.replace(new RegExp(opts.key, 'g'), '').replace(/^[\s:.,\-[\]()]+|[\s:.,\-[\]()]+$/g, '') || id;
  lines.push(
    `  - id: ${id}`,
    '    kind: feature',
    `    parent: ${release ? `REL-${release.version}` : 'NEXT'}`,
    `    title: ${q(title.slice(0, 80))}`,
    `    why: ${q(`Users reported: ${title.slice(0, 140)}`)}`,
    `    status: ${release ? 'shipped' : 'in-progress'}`,
  );
  if (opts.ref) lines.push(`    refs: [${q(`${opts.ref}${number}`)}]`);
  features++;
}
writeFileSync(opts.out, `${lines.join('\n')}\n`);
console.log(
  `${opts.out}: ${1 + majors.length + 1 + tags.length + features} items (${tags.length} releases, ${features} features)`,
);
