// GitHub Issues, as `gh issue list --state all --limit N --json
// number,title,body,labels,milestone,state,assignees,url` prints them (a JSON array). Milestones
// become epics (GH-M<number>), issues features (GH-<number>, ref `#<number>`); a label naming a
// kind (`epic`, `kind: story`, `type/initiative`) sets the issue's kind.

import { whyFromDescription } from './descriptionText';
import { StatusMapper } from './statusMapping';
import {
  kindFromLabels,
  normalizeDate,
  type ImportedItem,
  type ImportProblem,
  type ParseOptions,
  type TrackerImport,
} from './trackerRecord';

/** 1-based line of each top-level array element, found without a second JSON parser. */
export function topLevelElementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let expectElement = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 32 || c === 9 || c === 10 || c === 13) continue;
    if (expectElement && depth === 1) {
      lines.push(line);
      expectElement = false;
    }
    if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      depth++;
      if (depth === 1 && c === 91) expectElement = true;
    } else if (c === 93 || c === 125) depth--;
    else if (c === 44 && depth === 1) expectElement = true;
  }
  return lines;
}

function record(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim().length > 0 ? v.trim() : undefined;
}

function names(list: unknown, key: string): string[] {
  if (!Array.isArray(list)) return [];
  return list.map((e) => str(record(e)?.[key])).filter((s): s is string => s !== undefined);
}

export function parseGithubIssues(text: string, options: ParseOptions = {}): TrackerImport {
  const problems: ImportProblem[] = [];
  let data: unknown;
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { tracker: 'github', items: [], problems: [{ line: 0, message: `not valid JSON: ${message}` }], notes: [] };
  }
  if (!Array.isArray(data)) {
    return {
      tracker: 'github',
      items: [],
      problems: [{ line: 1, message: 'expected the JSON array that `gh issue list --json …` prints' }],
      notes: [],
    };
  }
  const lines = topLevelElementLines(text);
  const statuses = new StatusMapper(options.statusMap);
  const items: ImportedItem[] = [];
  const milestones = new Map<
    number,
    { title: string; why?: string | undefined; due?: string | undefined; states: string[] }
  >();
  const seen = new Set<number>();
  data.forEach((entry, index) => {
    const line = lines[index] ?? 0;
    const issue = record(entry);
    const number = issue?.['number'];
    const title = str(issue?.['title']);
    if (!issue || typeof number !== 'number' || !Number.isSafeInteger(number) || number <= 0) {
      problems.push({ line, message: `entry ${index + 1} has no issue \`number\`; skipped` });
      return;
    }
    if (!title) {
      problems.push({ line, message: `#${number} has no \`title\`; skipped` });
      return;
    }
    if (seen.has(number)) {
      problems.push({ line, message: `#${number} appears twice; the repeat is skipped` });
      return;
    }
    seen.add(number);
    const labels = names(issue['labels'], 'name');
    const state = str(issue['state'])?.toUpperCase();
    // A label naming a state (`in progress`, `wontfix`, or one given to --status-map) refines OPEN/CLOSED.
    const fromLabel = labels.map((l) => statuses.lookup(l.replace(/^status\s*[:/]\s*/i, ''))).find((s) => s);
    let status: string | undefined;
    if (state === 'CLOSED')
      status = fromLabel === 'dropped' || str(issue['stateReason']) === 'NOT_PLANNED' ? 'dropped' : 'shipped';
    else if (state === 'OPEN') status = fromLabel === 'in-progress' || fromLabel === 'dropped' ? fromLabel : 'planned';
    else status = statuses.status(state);
    const milestone = record(issue['milestone']);
    const mNumber = milestone?.['number'];
    let parentId: string | undefined;
    if (milestone && typeof mNumber === 'number' && Number.isSafeInteger(mNumber)) {
      parentId = `GH-M${mNumber}`;
      const m = milestones.get(mNumber) ?? {
        title: str(milestone['title']) ?? `Milestone ${mNumber}`,
        why: whyFromDescription(str(milestone['description']), 'markdown'),
        due: normalizeDate(str(milestone['dueOn'])),
        states: [],
      };
      m.states.push(status ?? 'planned');
      milestones.set(mNumber, m);
    }
    const url = str(issue['url']);
    items.push({
      id: `GH-${number}`,
      kind: kindFromLabels(labels) ?? 'feature',
      title,
      why: whyFromDescription(str(issue['body']), 'markdown'),
      status,
      owner: names(issue['assignees'], 'login').join(', ') || undefined,
      target: undefined,
      links: url && /^https?:\/\//.test(url) ? [url] : [],
      refs: [`#${number}`],
      parentId,
      line,
    });
  });
  // A milestone's status follows its issues: all closed → shipped, some → in progress.
  const epics: ImportedItem[] = [...milestones].map(([n, m]) => {
    const done = m.states.filter((s) => s === 'shipped' || s === 'dropped').length;
    const status =
      done === m.states.length ? 'shipped' : done > 0 || m.states.includes('in-progress') ? 'in-progress' : 'planned';
    return {
      id: `GH-M${n}`,
      kind: 'epic',
      title: m.title,
      why: m.why,
      status,
      target: m.due,
      links: [],
      refs: [],
      line: 0,
    };
  });
  return { tracker: 'github', items: [...epics, ...items], problems, notes: statuses.notes() };
}
