// Entry point of the worker thread that parses roadmap files (bundled as dist/roadmapParseWorker.js;
// see roadmapParser.ts for why). Pure core only: no vscode in a worker.
import { parentPort } from 'node:worker_threads';
import { parseRoadmapFile } from '../../core/roadmap/parseRoadmap';
import type { ParseReply, ParseRequest } from '../../core/roadmap/parseRequest';

parentPort?.on('message', (request: ParseRequest) => {
  let reply: ParseReply;
  try {
    reply = { id: request.id, parsed: parseRoadmapFile(request.file, request.text) };
  } catch (e) {
    // parseRoadmapFile never throws by contract; a bug must still answer, not hang the caller.
    reply = { id: request.id, error: e instanceof Error ? e.message : String(e) };
  }
  parentPort?.postMessage(reply);
});
