// Parses roadmap files on a worker thread (dist/roadmapParseWorker.js, the extension's parser
// thread), for `why` when the parsed-roadmap cache misses: `YAML.parseDocument` holds the thread it
// runs on (~0.35 s for a 258 KB roadmap), and on the main thread that is a stop for every git pipe
// `why` has open (blame of a 1,200-line file and the full-history `rev-list --parents` both write
// more than a pipe holds, then wait for it to be read). Off the main thread, git keeps streaming.
// Anything wrong with the thread (not built, failed to start, died) parses inline instead.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { decodeRoadmapBytes } from '../core/roadmap/decodeRoadmapBytes';
import { parseRoadmapBytes } from '../core/roadmap/parseRoadmap';
import type { ParseReply, ParseRequest } from '../core/roadmap/parseRequest';
import type { ParsedRoadmapFile } from '../core/roadmap/roadmapTypes';
import { trace } from './trace';

/** Next to the bundle (dist/cli.js); the compiled tests (out/) have none and parse inline. */
const WORKER_SCRIPT = path.join(__dirname, 'roadmapParseWorker.js');

/**
 * From how many roadmap bytes a cache miss of `why` is parsed on the worker thread. The thread
 * costs ~60–90 ms of CPU on a cold call (its start, its own copy of the parser, the result copied
 * back), and on two cores that is time taken from git. Blame and the commit graph no longer wait on
 * a pipe while an inline parse holds this thread (their output is spooled, outputSpool.ts), so the
 * thread pays only for a parse long enough that the graph walk and the rest could overlap it: the
 * bench's 2.6 MB roadmap, not commons-lang's 258 KB. Paired cold loops on commons-lang,
 * 2026-12-08: inline was 65 ms faster than the thread for ArrayUtils.java (9,690 lines), the one
 * file the thread had won before spooling. See docs/performance.md.
 */
export const OFF_THREAD_FROM_BYTES = 512 * 1024;

/** Each file's parse, as parseRoadmapBytes gives it, in order. Never rejects. */
export async function parseRoadmapsOffThread(
  files: readonly { readonly file: string; readonly bytes: Uint8Array }[],
): Promise<ParsedRoadmapFile[]> {
  const inline = (): ParsedRoadmapFile[] => files.map((f) => parseRoadmapBytes(f.file, f.bytes));
  if (!fs.existsSync(WORKER_SCRIPT)) return inline();
  // Decoding is cheap and stays here; its problems go first, as parseRoadmapBytes orders them.
  const decoded = files.map((f) => decodeRoadmapBytes(f.file, f.bytes));
  let worker: Worker;
  try {
    // Loaded here, not at the top: a call whose roadmap comes from the cache never starts a thread,
    // and loading node:worker_threads cost it ~1 ms.
    // (`require`, not `import()`: the launcher runs this bundle as a vm.Script, which has no
    // dynamic import.)
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const threads = require('node:worker_threads') as typeof import('node:worker_threads');
    worker = new threads.Worker(WORKER_SCRIPT);
  } catch {
    return inline();
  }
  const parsed = new Map<number, ParsedRoadmapFile>();
  const answer = await new Promise<boolean>((resolve) => {
    worker.on('message', (reply: ParseReply) => {
      if (!('parsed' in reply)) return resolve(false);
      parsed.set(reply.id, reply.parsed);
      if (parsed.size === files.length) resolve(true);
    });
    worker.on('error', () => resolve(false));
    worker.on('exit', () => resolve(false));
    files.forEach((f, id) => {
      const request: ParseRequest = { id, file: f.file, text: decoded[id]?.text ?? '' };
      worker.postMessage(request);
    });
  });
  void worker.terminate();
  trace(answer ? 'roadmap parsed on the worker thread' : 'the parser thread failed: parsing inline');
  if (!answer) return inline();
  return files.map((f, i) => {
    const p = parsed.get(i) ?? parseRoadmapBytes(f.file, f.bytes);
    const first = decoded[i]?.diagnostics ?? [];
    return first.length === 0 ? p : { ...p, diagnostics: [...first, ...p.diagnostics] };
  });
}
