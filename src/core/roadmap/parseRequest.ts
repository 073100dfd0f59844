// The messages between a roadmap parser thread (dist/roadmapParseWorker.js) and whoever uses it:
// the extension's RoadmapParser and the CLI's loadRoadmap. Kept in core so both speak one protocol.
import type { ParsedRoadmapFile } from './roadmapTypes';

export interface ParseRequest {
  readonly id: number;
  readonly file: string;
  readonly text: string;
}

export type ParseReply =
  { readonly id: number; readonly parsed: ParsedRoadmapFile } | { readonly id: number; readonly error: string };
