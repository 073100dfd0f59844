import * as assert from 'node:assert/strict';
import { outsideRoadmapEntry } from '../../src/core/roadmap/roadmapDiscovery';

describe('roadmapLens.files entries outside the folder', () => {
  const table: [string, ReturnType<typeof outsideRoadmapEntry>][] = [
    ['roadmap.yaml', undefined],
    ['roadmap/*.yaml', undefined],
    ['./roadmap.yaml', undefined],
    ['..roadmap.yaml', undefined],
    ['docs/../roadmap.yaml', undefined],
    ['..', { absolute: false, path: '..' }],
    ['../', { absolute: false, path: '..' }],
    ['../roadmap', { absolute: false, path: '../roadmap' }],
    ['../roadmap/roadmap.yaml', { absolute: false, path: '../roadmap/roadmap.yaml' }],
    ['../plans/*.yaml', { absolute: false, path: '../plans', namePattern: '*.yaml' }],
    ['..\\plans\\roadmap.yaml', { absolute: false, path: '..\\plans\\roadmap.yaml' }],
    ['/srv/org/roadmap.yaml', { absolute: true, path: '/srv/org/roadmap.yaml' }],
    ['/srv/org (old)/roadmap.yaml', { absolute: true, path: '/srv/org (old)/roadmap.yaml' }],
    ['/srv/org/', { absolute: true, path: '/srv/org' }],
    ['  /srv/org/roadmap.yaml  ', { absolute: true, path: '/srv/org/roadmap.yaml' }],
    ['C:\\org\\roadmap.yaml', { absolute: true, path: 'C:\\org\\roadmap.yaml' }],
    ['C:/org/*.yml', { absolute: true, path: 'C:/org', namePattern: '*.yml' }],
    // A pattern in a folder name would need a walk of some other disk: not an outside entry.
    ['../*/roadmap.yaml', undefined],
    ['/srv/**/roadmap.yaml', undefined],
  ];
  for (const [entry, want] of table)
    it(JSON.stringify(entry), () => assert.deepEqual(outsideRoadmapEntry(entry), want));
});
