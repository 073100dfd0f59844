import * as assert from 'node:assert/strict';
import { DEFAULT_ROADMAP_GLOBS, matchesRoadmapGlob } from '../../src/core/roadmapDiscovery';

describe('roadmap discovery globs', () => {
  it('has the documented defaults', () => {
    assert.deepEqual(DEFAULT_ROADMAP_GLOBS, ['roadmap.yaml', 'roadmap.yml', '.roadmap.yaml', 'roadmap/*.yaml']);
  });

  for (const path of ['roadmap.yaml', 'roadmap.yml', '.roadmap.yaml', 'roadmap/checkout.yaml', './roadmap.yaml', 'roadmap\\team.yaml']) {
    it(`matches ${path}`, () => assert.equal(matchesRoadmapGlob(path, DEFAULT_ROADMAP_GLOBS), true));
  }

  for (const path of ['src/roadmap.yaml', 'roadmap/deep/x.yaml', 'roadmap.json', 'roadmap/x.yml', 'Roadmap.yaml.bak', 'notroadmap.yaml']) {
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
