import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { parseFileRevisions } from '../../../src/core/gitOutput/fileRevisionsParser';
import {
  MAX_POINTS,
  metricHistory,
  revisionMetrics,
  type RevisionMetrics,
} from '../../../src/core/drift/metricHistory';
import { parseRoadmapFile } from '../../../src/core/roadmap/parseRoadmap';
import { metricSparkline, sparklinePoints } from '../../../src/core/render/metricSparkline';

const SHA = (n: number): string => n.toString(16).padStart(40, '0');

function record(sha: string, time: number, patch: string): string {
  return `\0${sha}\x1f${time}\n\n${patch}`;
}

describe('parseFileRevisions (git log -p with the whole file as context)', () => {
  it('reads the new side of each patch, newest first, and marks deletions and binaries', () => {
    const out =
      record(
        SHA(3),
        300,
        'diff --git a/r.yaml b/r.yaml\ndeleted file mode 100644\nindex 1..0\n--- a/r.yaml\n+++ /dev/null\n@@ -1,2 +0,0 @@\n-a\n-B\n',
      ) +
      record(
        SHA(2),
        200,
        'diff --git a/r.yaml b/r.yaml\nindex 1..2 100644\n--- a/r.yaml\n+++ b/r.yaml\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n+d\n\\ No newline at end of file\n',
      ) +
      record(
        SHA(1),
        100,
        'diff --git a/r.yaml b/r.yaml\nnew file mode 100644\n--- /dev/null\n+++ b/r.yaml\n@@ -0,0 +1,2 @@\n+a\n+b\n',
      ) +
      record(SHA(4), 50, 'diff --git a/r.yaml b/r.yaml\nBinary files a/r.yaml and b/r.yaml differ\n') +
      record(SHA(5), 40, '');
    assert.deepEqual(parseFileRevisions(out), [
      { sha: SHA(3), time: 300, text: undefined },
      { sha: SHA(2), time: 200, text: 'a\nB\nc\nd' },
      { sha: SHA(1), time: 100, text: 'a\nb\n' },
      { sha: SHA(4), time: 50, text: undefined },
      { sha: SHA(5), time: 40, text: undefined },
    ]);
  });

  it('skips records that are not a commit header and never throws on garbage', () => {
    assert.deepEqual(parseFileRevisions('not a log\0zz\x1f1\n\n@@ x'), []);
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        parseFileRevisions(s);
      }),
    );
  });

  it('property: the new side is the context and added lines, in order (oracle)', () => {
    const line = fc.string({ maxLength: 12 }).map((s) => s.replace(/[\n\r\0]/g, ''));
    const entry = fc.tuple(fc.constantFrom(' ', '+', '-'), line);
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 30 }), fc.boolean(), (entries, noEol) => {
        const kept = entries.filter(([m]) => m !== '-').map(([, l]) => l);
        const body = entries.map(([m, l]) => `${m}${l}\n`).join('');
        // The marker follows the last line of the new side only when that line ends the patch.
        const last = entries[entries.length - 1];
        const marker = noEol && last !== undefined && last[0] !== '-' ? '\\ No newline at end of file\n' : '';
        const patch = `diff --git a/r b/r\n--- a/r\n+++ b/r\n@@ -1 +1 @@\n${body}${marker}`;
        const [rev] = parseFileRevisions(record(SHA(9), 1, patch));
        const expected = kept.join('\n') + (marker !== '' || kept.length === 0 ? '' : '\n');
        assert.equal(rev?.text, expected);
      }),
    );
  });
});

function rev(sha: number, time: number, items: Record<string, Record<string, string | undefined>>): RevisionMetrics {
  const metrics = new Map(
    Object.entries(items).map(([id, ms]) => [
      id,
      Object.entries(ms).map(([name, current]) => (current === undefined ? { name } : { name, current })),
    ]),
  );
  return { sha: SHA(sha), time, metrics };
}

describe('metricHistory', () => {
  it('keeps the commits where a value changed, oldest first, per item and metric', () => {
    const h = metricHistory([
      rev(4, 400, { CHK: { conv: '30%', latency: '2 s' } }),
      rev(3, 300, { CHK: { conv: '25%' } }),
      rev(2, 200, { CHK: { conv: '25%', latency: undefined } }),
      rev(1, 100, { CHK: { conv: '20%' }, PAY: { nps: '40' } }),
    ]);
    assert.deepEqual(h.get('CHK'), [
      {
        name: 'conv',
        points: [
          { sha: SHA(1), time: 100, value: '20%' },
          { sha: SHA(2), time: 200, value: '25%' },
          { sha: SHA(4), time: 400, value: '30%' },
        ],
      },
      { name: 'latency', points: [{ sha: SHA(4), time: 400, value: '2 s' }] },
    ]);
    assert.deepEqual(h.get('PAY'), [{ name: 'nps', points: [{ sha: SHA(1), time: 100, value: '40' }] }]);
  });

  it('keeps the newest MAX_POINTS points', () => {
    const revs = Array.from({ length: MAX_POINTS + 10 }, (_, i) => rev(i + 1, i, { a: { m: String(i) } }));
    const points = metricHistory(revs).get('a')?.[0]?.points ?? [];
    assert.equal(points.length, MAX_POINTS);
    assert.equal(points[points.length - 1]?.value, String(MAX_POINTS + 9));
  });

  it('property: a point is a revision whose value differs from the previous revision that had one (oracle)', () => {
    const value = fc.option(fc.constantFrom('1', '2', '3', '10%'), { nil: undefined });
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), value), { maxLength: 25 }), (steps) => {
        // As git lists them: newest first (times may repeat: listing order breaks ties).
        const revs = steps.map(([t, v], i) => rev(i + 1, t, v === undefined ? {} : { x: { m: v } }));
        const oldestFirst = revs
          .map((r, i) => ({ r, i }))
          .sort((a, b) => a.r.time - b.r.time || b.i - a.i)
          .map(({ r }) => r);
        const expected: { sha: string; value: string }[] = [];
        let previous: string | undefined;
        for (const r of oldestFirst) {
          const v = r.metrics.get('x')?.[0]?.current;
          if (v === undefined) continue;
          if (v !== previous) expected.push({ sha: r.sha, value: v });
          previous = v;
        }
        const got = (metricHistory(revs).get('x')?.[0]?.points ?? []).map((p) => ({ sha: p.sha, value: p.value }));
        assert.deepEqual(got, expected.slice(-MAX_POINTS));
      }),
    );
  });

  it('skips revisions that are not valid YAML; reads the rest through the roadmap parser', () => {
    const text = (v: string): string =>
      `version: 1\nitems:\n  - id: CHK-1\n    kind: feature\n    title: T\n    why: W\n    metrics:\n      - name: Conversion\n        baseline: 10%\n        target: 30%\n        current: ${v}\n`;
    const texts = [text('20%'), 'version: 1\nitems: [\n  - id: CHK-1\n', text('12%'), text('12%')];
    const revs = texts.flatMap((t, i) => {
      const r = revisionMetrics(SHA(i + 1), 1000 - i, parseRoadmapFile('/r.yaml', t));
      return r ? [r] : [];
    });
    assert.equal(revs.length, 3, 'the invalid revision is skipped');
    const points = metricHistory(revs).get('CHK-1')?.[0]?.points ?? [];
    assert.deepEqual(
      points.map((p) => p.value),
      ['12%', '20%'],
    );
  });
});

describe('metricSparkline', () => {
  const points = [
    { sha: SHA(1), time: Date.UTC(2026, 0, 5) / 1000, value: '20%' },
    { sha: SHA(2), time: Date.UTC(2026, 1, 9) / 1000, value: '<b>x</b>' },
    { sha: SHA(3), time: Date.UTC(2026, 2, 2) / 1000, value: '31%' },
  ];

  it('lists each value with its date (escaped) and draws the numeric ones', () => {
    const out = metricSparkline('Conversion', points).toString();
    for (const s of ['2026-01-05', '2026-02-09', '2026-03-02', '20%', '31%', '&lt;b&gt;x&lt;/b&gt;'])
      assert.ok(out.includes(s), s);
    assert.ok(!out.includes('<b>'));
    assert.match(out, /<polyline class="spark-line" fill="none" points="3,[\d.]+ 117,[\d.]+"\/>/);
  });

  it('draws nothing for fewer than two points, and no line for fewer than two numbers', () => {
    assert.equal(metricSparkline('m', points.slice(0, 1)).toString(), '');
    const words = metricSparkline('m', [
      { sha: SHA(1), time: 0, value: 'soon' },
      { sha: SHA(2), time: 86400, value: 'later' },
    ]).toString();
    assert.ok(!words.includes('<svg'));
    assert.ok(words.includes('later'));
  });

  it('sparklinePoints: oldest left, higher values higher up, within the box', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 40 }), (vs) => {
        const xy = sparklinePoints(vs);
        for (let i = 1; i < xy.length; i++) assert.ok((xy[i]?.x ?? 0) > (xy[i - 1]?.x ?? 0));
        for (const p of xy) assert.ok(p.y >= 0 && p.y <= 24 && Number.isFinite(p.y));
        const hi = vs.indexOf(Math.max(...vs));
        const lo = vs.indexOf(Math.min(...vs));
        assert.ok((xy[hi]?.y ?? 0) <= (xy[lo]?.y ?? 0));
      }),
    );
  });
});
