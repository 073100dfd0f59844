// Parses large roadmap files on a worker thread for the CLI. `YAML.parseDocument` of a 250 KB
// roadmap holds a cold process's only thread ~350 ms; during that time `why` cannot read git's
// pipes, so `git rev-list` blocks on a full pipe and blame's end is noticed late (a trace of a
// 30-line file: blame done at 170 ms, seen at 700 ms). On the worker the parse runs on the other
// core while the main thread drains git. Small files parse inline (a thread costs ~40 ms to start).
// Without the worker bundle (tests run from out/) or when the thread fails, parsing is inline.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { decodeRoadmapBytes } from '../core/roadmap/decodeRoadmapBytes';
import { parseRoadmapBytes, parseRoadmapFile } from '../core/roadmap/parseRoadmap';
import type { ParseReply, ParseRequest } from '../core/roadmap/parseRequest';
import type { ParsedRoadmapFile } from '../core/roadmap/roadmapTypes';

/** Below this a file parses in a few ms inline: less than starting the thread. */
const OFF_THREAD_BYTES = 64 * 1024;

export type RoadmapBytesParser = (file: string, bytes: Uint8Array) => Promise<ParsedRoadmapFile>;

/** Inline parsing between yields (what every command but `why` uses). */
export const parseInline: RoadmapBytesParser = (file, bytes) => Promise.resolve(parseRoadmapBytes(file, bytes));

/** A parser that sends big files to one worker thread, created on first use; `close()` ends it. */
export function offThreadParser(workerScript = path.join(__dirname, 'roadmapParseWorker.js')): {
  parse: RoadmapBytesParser;
  close: () => void;
} {
  let worker: Worker | undefined;
  let broken = !existsSync(workerScript);
  let nextId = 0;
  const waiting = new Map<number, (reply: ParseReply | undefined) => void>();
  const failAll = (): void => {
    broken = true;
    for (const resolve of waiting.values()) resolve(undefined);
    waiting.clear();
  };
  const ensure = (): Worker | undefined => {
    if (broken) return undefined;
    if (worker) return worker;
    try {
      worker = new Worker(workerScript);
      worker.on('message', (reply: ParseReply) => {
        waiting.get(reply.id)?.(reply);
        waiting.delete(reply.id);
        if (waiting.size === 0) worker?.unref();
      });
      worker.on('error', failAll);
      worker.on('exit', failAll);
      return worker;
    } catch {
      broken = true;
      return undefined;
    }
  };
  const parse: RoadmapBytesParser = async (file, bytes) => {
    const w = bytes.length >= OFF_THREAD_BYTES ? ensure() : undefined;
    if (!w) return parseRoadmapBytes(file, bytes);
    // Decoding (BOM, UTF-16, invalid bytes) is cheap and stays here; the thread gets text.
    const decoded = decodeRoadmapBytes(file, bytes);
    const request: ParseRequest = { id: nextId++, file, text: decoded.text };
    const reply = await new Promise<ParseReply | undefined>((resolve) => {
      waiting.set(request.id, resolve);
      w.ref();
      w.postMessage(request);
    });
    const parsed = reply && 'parsed' in reply ? reply.parsed : parseRoadmapFile(file, decoded.text);
    if (decoded.diagnostics.length === 0) return parsed;
    return { ...parsed, diagnostics: [...decoded.diagnostics, ...parsed.diagnostics] };
  };
  return {
    parse,
    close: () => {
      broken = true;
      void worker?.terminate();
    },
  };
}
