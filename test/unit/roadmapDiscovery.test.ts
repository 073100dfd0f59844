import * as assert from 'node:assert/strict';
import { DEFAULT_ROADMAP_GLOBS, matchesRoadmapGlob, planRoadmapGlob } from '../../src/core/roadmap/roadmapDiscovery';

describe('roadmap discovery globs', () => {
  it('has the documented defaults', () => {
    assert.deepEqual(DEFAULT_ROADMAP_GLOBS, ['roadmap.yaml', 'roadmap.yml', '.roadmap.yaml', 'roadmap/*.yaml']);
  });

  for (const path of [
    'roadmap.yaml',
    'roadmap.yml',
    '.roadmap.yaml',
    'roadmap/checkout.yaml',
    './roadmap.yaml',
    'roadmap\\team.yaml',
  ]) {
    it(`matches ${path}`, () => assert.equal(matchesRoadmapGlob(path, DEFAULT_ROADMAP_GLOBS), true));
  }

  for (const path of [
    'src/roadmap.yaml',
    'roadmap/deep/x.yaml',
    'roadmap.json',
    'roadmap/x.yml',
    'Roadmap.yaml.bak',
    'notroadmap.yaml',
  ]) {
    it(`does not match ${path}`, () => assert.equal(matchesRoadmapGlob(path, DEFAULT_ROADMAP_GLOBS), false));
  }

  it('uses custom globs, including dot folders and globstars', () => {
    assert.equal(matchesRoadmapGlob('.github/roadmap.yaml', ['.github/*.yaml']), true);
    assert.equal(matchesRoadmapGlob('docs/a/b/plan.yaml', ['docs/**/*.yaml']), true);
    assert.equal(matchesRoadmapGlob('roadmap.yaml', ['docs/**/*.yaml']), false);
  });

  it('matches nothing with no usable globs', () => {
    assert.equal(matchesRoadmapGlob('roadmap.yaml', []), false);
    assert.equal(matchesRoadmapGlob('roadmap.yaml', ['', '  ']), false);
  });
});

describe('planRoadmapGlob: finding files without a workspace-wide search', () => {
  const cases: [string, ReturnType<typeof planRoadmapGlob>][] = [
    ['roadmap.yaml', { kind: 'file', path: 'roadmap.yaml' }],
    ['./.roadmap.yaml', { kind: 'file', path: '.roadmap.yaml' }],
    ['docs/product/roadmap.yml', { kind: 'file', path: 'docs/product/roadmap.yml' }],
    ['roadmap/*.yaml', { kind: 'directory', dir: 'roadmap', glob: 'roadmap/*.yaml' }],
    ['*.roadmap.yaml', { kind: 'directory', dir: '', glob: '*.roadmap.yaml' }],
    ['.github/{plan,roadmap}.yaml', { kind: 'directory', dir: '.github', glob: '.github/{plan,roadmap}.yaml' }],
    ['docs/**/*.yaml', { kind: 'search', glob: 'docs/**/*.yaml' }],
    ['**/roadmap.yaml', { kind: 'search', glob: '**/roadmap.yaml' }],
    ['teams/*/roadmap.yaml', { kind: 'search', glob: 'teams/*/roadmap.yaml' }],
    ['roadmap\\*.yaml', { kind: 'search', glob: 'roadmap\\*.yaml' }],
    ['../outside.yaml', { kind: 'search', glob: '../outside.yaml' }],
    ['/abs/roadmap.yaml', { kind: 'search', glob: '/abs/roadmap.yaml' }],
    ['a//b.yaml', { kind: 'search', glob: 'a//b.yaml' }],
  ];
  for (const [glob, plan] of cases) {
    it(`${glob} → ${plan.kind}`, () => assert.deepEqual(planRoadmapGlob(glob), plan));
  }

  it('a directory plan finds exactly what matchesRoadmapGlob accepts among the listed names', () => {
    const plan = planRoadmapGlob('roadmap/*.yaml');
    assert.equal(plan.kind, 'directory');
    if (plan.kind !== 'directory') return;
    const listed = ['checkout.yaml', '.hidden.yaml', 'notes.md', 'x.yml'];
    const found = listed.map((n) => `${plan.dir}/${n}`).filter((p) => matchesRoadmapGlob(p, [plan.glob]));
    assert.deepEqual(found, ['roadmap/checkout.yaml', 'roadmap/.hidden.yaml']);
  });
});
