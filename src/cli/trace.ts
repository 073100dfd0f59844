// `ROADMAP_LENS_TRACE=1 roadmap-lens why FILE`: one stderr line per step with the milliseconds since
// the process started (performance.now() counts from there), so where a cold call's time goes can
// be read off one run instead of guessed (issue #13: the fixed tax on a cold call).
// `performance` is node's global: importing node:perf_hooks cost every call ~1.7 ms of module
// loading, traced or not; the global loads it only when a trace line is written.

const enabled = process.env['ROADMAP_LENS_TRACE'] !== undefined && process.env['ROADMAP_LENS_TRACE'] !== '';

export function trace(step: string): void {
  if (enabled) process.stderr.write(`[trace ${performance.now().toFixed(1).padStart(8)} ms] ${step}\n`);
}

/** Traces when `promise` settles; returns it unchanged. */
export function traced<T>(step: string, promise: Promise<T>): Promise<T> {
  if (!enabled) return promise;
  return promise.finally(() => trace(step));
}
