// Parses roadmap files on a worker thread. `YAML.parseDocument` is synchronous and cannot be
// sliced: a 100 KB file holds the thread ~100 ms, a 2 MB one over a second. On the extension host
// that is a frozen hover, a delayed keystroke in every extension. The worker takes that time off
// the extension host; small files (the common case) are parsed inline, where a round trip would
// cost more than the parse. If the worker cannot start or dies, parsing falls back to inline.
// No vscode here, so the plain git-level tests drive the real bundled worker.

import { Worker } from 'node:worker_threads';
import { parseRoadmapFile } from '../../core/roadmap/parseRoadmap';
import type { ParsedRoadmapFile } from '../../core/roadmap/roadmapTypes';
import type { ParseReply, ParseRequest } from '../../core/roadmap/parseRequest';

export type { ParseReply, ParseRequest } from '../../core/roadmap/parseRequest';

/** Below this many characters a file parses in a few ms: not worth a round trip to the worker. */
export const INLINE_PARSE_LIMIT = 32 * 1024;

interface Waiting {
  readonly request: ParseRequest;
  readonly resolve: (parsed: ParsedRoadmapFile) => void;
}

export class RoadmapParser {
  private worker: Worker | undefined;
  private broken = false;
  private nextId = 0;
  private readonly waiting = new Map<number, Waiting>();

  /** `workerScript`: dist/roadmapParseWorker.js, or undefined to always parse inline. */
  constructor(
    private readonly workerScript: string | undefined,
    private readonly onProblem: (message: string, error?: unknown) => void = () => undefined,
    private readonly inlineLimit = INLINE_PARSE_LIMIT,
  ) {}

  /** Never rejects: like parseRoadmapFile, problems in the text are diagnostics in the result. */
  parse(file: string, text: string): Promise<ParsedRoadmapFile> {
    const worker = text.length >= this.inlineLimit ? this.ensureWorker() : undefined;
    if (!worker) return Promise.resolve(parseRoadmapFile(file, text));
    const request: ParseRequest = { id: this.nextId++, file, text };
    return new Promise((resolve) => {
      this.waiting.set(request.id, { request, resolve });
      worker.ref();
      worker.postMessage(request);
    });
  }

  /** True while the worker thread is in use (for tests and the log). */
  get usesWorker(): boolean {
    return this.worker !== undefined && !this.broken;
  }

  dispose(): void {
    this.broken = true;
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
    this.drainInline();
  }

  private ensureWorker(): Worker | undefined {
    if (this.broken || this.workerScript === undefined) return undefined;
    if (this.worker) return this.worker;
    try {
      const worker = new Worker(this.workerScript);
      worker.on('message', (reply: ParseReply) => this.answer(reply));
      worker.on('error', (e) => this.fail('the roadmap parser thread failed; parsing inline from now on', e));
      worker.on('exit', (code) => {
        if (this.worker === worker)
          this.fail(`the roadmap parser thread exited (code ${code}); parsing inline from now on`);
      });
      // An idle worker must not keep a process (the tests, the CLI) alive.
      worker.unref();
      this.worker = worker;
      return worker;
    } catch (e) {
      this.fail('could not start the roadmap parser thread; parsing inline', e);
      return undefined;
    }
  }

  private answer(reply: ParseReply): void {
    const waiting = this.waiting.get(reply.id);
    if (!waiting) return;
    this.waiting.delete(reply.id);
    if (this.waiting.size === 0) this.worker?.unref();
    if ('parsed' in reply) waiting.resolve(reply.parsed);
    else {
      this.onProblem(
        `the roadmap parser thread could not parse ${waiting.request.file}: ${reply.error}; parsing inline`,
      );
      waiting.resolve(parseRoadmapFile(waiting.request.file, waiting.request.text));
    }
  }

  private fail(message: string, error?: unknown): void {
    if (this.broken) return;
    this.broken = true;
    this.onProblem(message, error);
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
    this.drainInline();
  }

  /** Whatever was sent to a worker that is gone is parsed here, so no caller waits forever. */
  private drainInline(): void {
    const pending = [...this.waiting.values()];
    this.waiting.clear();
    for (const { request, resolve } of pending) resolve(parseRoadmapFile(request.file, request.text));
  }
}
