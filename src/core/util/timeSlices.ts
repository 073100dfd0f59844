// Long pure computations written as generators (a bare `yield` marks a point where stopping is
// safe) run either at once (runToEnd) or in slices of a few milliseconds with event-loop turns in
// between (runInSlices), so the extension host keeps answering hovers and typing while 100k
// commits are linked or summarized. The same code gives the same result both ways.

export interface SliceOptions {
  /** Milliseconds of work between yields to the event loop. */
  readonly sliceMs?: number;
}

export const DEFAULT_SLICE_MS = 12;

export const yieldToEventLoop = (): Promise<void> =>
  new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));

export function runToEnd<T>(steps: Generator<void, T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

export async function runInSlices<T>(steps: Generator<void, T>, opts: SliceOptions = {}): Promise<T> {
  const slice = opts.sliceMs ?? DEFAULT_SLICE_MS;
  let sliceStart = Date.now();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (Date.now() - sliceStart >= slice) {
      await yieldToEventLoop();
      sliceStart = Date.now();
    }
  }
}
