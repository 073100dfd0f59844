// Numbers the extension-host suite reports without asserting on them (these machines are shared
// and noisy): they travel to the driver in the results file, which prints them and keeps them in
// test-results/e2e-api-results.json, where `npm run bench` reads them for its real-VS-Code row.

import type { E2eMetric } from '../e2eResults';

const recorded: E2eMetric[] = [];

export function recordMetric(name: string, value: number, unit: string, note?: string): void {
  recorded.push({ name, value, unit, ...(note === undefined ? {} : { note }) });
}

export function recordedMetrics(): readonly E2eMetric[] {
  return recorded;
}
