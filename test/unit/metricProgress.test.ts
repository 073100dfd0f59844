import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { metricProgress, parseMetricValue } from '../../src/core/render/metricProgress';

describe('parseMetricValue', () => {
  const cases: Array<[string, number | undefined, string?]> = [
    ['18%', 18, '%'],
    ['30 %', 30, '%'],
    ['-5%', -5, '%'],
    ['−2.5%', -2.5, '%'],
    ['+12', 12, ''],
    ['0.25', 0.25, ''],
    ['.5', 0.5, ''],
    ['1,200', 1200, ''],
    ['1,200,000', 1200000, ''],
    ['1,200.75', 1200.75, ''],
    ['1.200,75', 1200.75, ''],
    ['1,5', 1.5, ''],
    ['0,250', 0.25, ''],
    ['1.2k', 1200, ''],
    ['$4.5M', 4500000, '$'],
    ['€ 300', 300, '€'],
    ['2.5 s', 2.5, 's'],
    ['350ms', 350, 'ms'],
    ['< 2s', 2, 's'],
    ['≥ 99.9%', 99.9, '%'],
    ['~40', 40, ''],
    ['120 req/s', 120, 'req/s'],
    ['4.2 NPS', 4.2, 'nps'],
    ['', undefined],
    ['   ', undefined],
    ['n/a', undefined],
    ['TBD', undefined],
    ['2026-Q3', undefined],
    ['10-20%', undefined],
    ['1,20,0', undefined],
    ['3 to 5', undefined],
    ['about 20', undefined],
    ['1e309', undefined],
    ['NaN', undefined],
    ['Infinity', undefined],
    ['<img src=x onerror=alert(1)>', undefined],
  ];
  for (const [text, value, unit] of cases) {
    it(`reads ${JSON.stringify(text)} as ${String(value)}${unit ?? ''}`, () => {
      const parsed = parseMetricValue(text);
      if (value === undefined) {
        assert.equal(parsed, undefined);
      } else {
        assert.ok(parsed, 'parsed');
        assert.ok(Math.abs(parsed.value - value) < 1e-9, `${parsed.value} ≈ ${value}`);
        assert.equal(parsed.unit, unit);
      }
    });
  }

  it('undefined stays undefined', () => {
    assert.equal(parseMetricValue(undefined), undefined);
  });

  it('never throws and only returns finite numbers (property)', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const v = parseMetricValue(s);
        if (v !== undefined) assert.ok(Number.isFinite(v.value));
      }),
      { numRuns: 1000 },
    );
  });

  it('reads back any plain decimal it is given (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.integer({ min: 0, max: 99 }), (i, f) => {
        const text = `${i}.${String(f).padStart(2, '0')}`;
        const v = parseMetricValue(text);
        assert.ok(v);
        assert.ok(Math.abs(v.value - Number(text)) < 1e-9);
      }),
    );
  });
});

describe('metricProgress', () => {
  it('percentages: axis 0..100, progress between baseline and target', () => {
    const p = metricProgress({ name: 'repeat rate', baseline: '18%', target: '30%', current: '24%' });
    assert.equal(p.kind, 'numeric');
    if (p.kind !== 'numeric') return;
    assert.equal(p.min, 0);
    assert.equal(p.max, 100);
    assert.equal(p.baselineAt, 0.18);
    assert.equal(p.targetAt, 0.3);
    assert.equal(p.currentAt, 0.24);
    assert.ok(Math.abs((p.progress ?? NaN) - 0.5) < 1e-9);
    assert.equal(p.reached, false);
    assert.equal(p.lowerIsBetter, false);
  });

  it('lower is better: target below baseline', () => {
    const p = metricProgress({ name: 'checkout time', baseline: '4.5 s', target: '1.5 s', current: '3 s' });
    assert.ok(p.kind === 'numeric');
    assert.equal(p.lowerIsBetter, true);
    assert.ok(Math.abs((p.progress ?? NaN) - 0.5) < 1e-9);
    assert.equal(p.unit, 's');
  });

  it('past the target: clamped and reached', () => {
    const p = metricProgress({ name: 'x', baseline: '10', target: '20', current: '25' });
    assert.ok(p.kind === 'numeric');
    assert.equal(p.progress, 1);
    assert.equal(p.reached, true);
    assert.equal(p.max, 25);
    assert.equal(p.currentAt, 1);
  });

  it('moving the wrong way: progress 0, not negative', () => {
    const p = metricProgress({ name: 'x', baseline: '10%', target: '20%', current: '5%' });
    assert.ok(p.kind === 'numeric');
    assert.equal(p.progress, 0);
  });

  it('no current: markers only', () => {
    const p = metricProgress({ name: 'x', baseline: '1,200', target: '2,000' });
    assert.ok(p.kind === 'numeric');
    assert.equal(p.current, undefined);
    assert.equal(p.progress, undefined);
    assert.equal(p.targetAt, 1);
  });

  it('negative values get an axis that includes them', () => {
    const p = metricProgress({ name: 'x', baseline: '-10', target: '10' });
    assert.ok(p.kind === 'numeric');
    assert.equal(p.min, -10);
    assert.equal(p.baselineAt, 0);
    assert.equal(p.targetAt, 1);
  });

  it('unitless values combine with a unit ("18" → "30%")', () => {
    const p = metricProgress({ name: 'x', baseline: '18', target: '30%' });
    assert.ok(p.kind === 'numeric');
    assert.equal(p.unit, '%');
  });

  it('a current value in another unit is ignored, not drawn', () => {
    const p = metricProgress({ name: 'x', baseline: '10%', target: '20%', current: '3 s' });
    assert.ok(p.kind === 'numeric');
    assert.equal(p.current, undefined);
  });

  for (const [baseline, target] of [
    ['18%', 'higher'],
    ['TBD', '30%'],
    ['2 s', '30%'],
    ['5', '5'],
    [undefined, '30%'],
    ['18%', undefined],
  ] as Array<[string | undefined, string | undefined]>) {
    it(`text only for ${String(baseline)} → ${String(target)}`, () => {
      const metric = {
        name: 'x',
        ...(baseline === undefined ? {} : { baseline }),
        ...(target === undefined ? {} : { target }),
      };
      assert.deepEqual(metricProgress(metric), { kind: 'text' });
    });
  }

  it('positions always lie in 0..1 (property)', () => {
    const num = fc.oneof(
      fc.integer({ min: -1e6, max: 1e6 }).map(String),
      fc.integer({ min: 0, max: 100 }).map((n) => `${n}%`),
    );
    fc.assert(
      fc.property(num, num, fc.option(num, { nil: undefined }), (baseline, target, current) => {
        const p = metricProgress({ name: 'm', baseline, target, ...(current === undefined ? {} : { current }) });
        if (p.kind !== 'numeric') return;
        for (const v of [p.baselineAt, p.targetAt, p.currentAt ?? 0, p.progress ?? 0]) {
          assert.ok(v >= 0 && v <= 1, `${v} in 0..1`);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('metricProgress axis', () => {
  it('small percentages get an axis that fits them, not 0..100', () => {
    const p = metricProgress({ name: 'conversion', baseline: '2.1%', target: '3.5%' });
    assert.ok(p.kind === 'numeric');
    assert.equal(p.max, 3.5);
    assert.equal(p.targetAt, 1);
    assert.ok(Math.abs(p.baselineAt - 0.6) < 1e-9);
  });
});
