// Jira's CSV export ("Export Excel CSV (all fields)" or "(my defaults)"), columns as Jira names
// them: `Issue key`, `Issue id`, `Summary`, `Issue Type`, `Status`, `Resolution`, `Parent` /
// `Parent id` / `Custom field (Epic Link)`, `Description`, `Assignee`, `Due date`,
// `Fix Version/s` (repeated), `Labels` (repeated). Other columns are ignored.

import { CsvColumns, readCsv } from './csvReader';
import { whyFromDescription } from './descriptionText';
import { StatusMapper } from './statusMapping';
import {
  IMPORT_ID_PATTERN,
  normalizeDate,
  type ImportedItem,
  type ImportProblem,
  type ParseOptions,
  type TrackerImport,
} from './trackerRecord';

const JIRA_KINDS: Readonly<Record<string, string>> = {
  initiative: 'initiative',
  theme: 'goal',
  goal: 'goal',
  epic: 'epic',
  feature: 'feature',
  story: 'story',
  'user story': 'story',
  task: 'task',
  bug: 'bug',
  improvement: 'task',
  'new feature': 'feature',
  'sub-task': 'subtask',
  subtask: 'subtask',
  spike: 'task',
};

function jiraKind(type: string | undefined): string {
  if (type === undefined) return 'feature';
  const t = type.trim().toLowerCase();
  return JIRA_KINDS[t] ?? (/^[a-z][a-z0-9-]*$/.test(t) ? t : 'feature');
}

export function parseJiraCsv(text: string, options: ParseOptions = {}): TrackerImport {
  const table = readCsv(text);
  const problems: ImportProblem[] = [...table.problems];
  const notes: string[] = [];
  const cols = new CsvColumns(table.header);
  if (!cols.has('Issue key') || !cols.has('Summary')) {
    return {
      tracker: 'jira',
      items: [],
      problems: [
        ...problems,
        {
          line: table.headerLine || 1,
          message: 'not a Jira CSV export: the header needs `Issue key` and `Summary` columns',
        },
      ],
      notes,
    };
  }
  const statuses = new StatusMapper(options.statusMap);
  const keyById = new Map<string, string>();
  for (const r of table.records) {
    const id = cols.first(r, 'Issue id');
    const key = cols.first(r, 'Issue key');
    if (id && key) keyById.set(id, key);
  }
  const base = options.baseUrl?.replace(/\/+$/, '');
  const items: ImportedItem[] = [];
  for (const r of table.records) {
    const key = cols.first(r, 'Issue key');
    const title = cols.first(r, 'Summary');
    if (!key) {
      problems.push({ line: r.line, message: 'no `Issue key`; row skipped' });
      continue;
    }
    if (!IMPORT_ID_PATTERN.test(key)) {
      problems.push({ line: r.line, message: `the issue key "${key}" is not a valid id; row skipped` });
      continue;
    }
    if (!title) {
      problems.push({ line: r.line, message: `${key} has no \`Summary\`; row skipped` });
      continue;
    }
    // `Parent` holds the parent's issue id (numeric) in Jira Cloud, its key in some exports.
    const rawParent = cols.first(r, 'Parent', 'Parent id', 'Parent key', 'Custom field (Epic Link)', 'Epic Link');
    const parentId = rawParent === undefined ? undefined : (keyById.get(rawParent) ?? rawParent);
    if (parentId !== undefined && !IMPORT_ID_PATTERN.test(parentId)) {
      problems.push({
        line: r.line,
        message: `${key}: the parent "${rawParent}" is not an issue key or id; row skipped`,
      });
      continue;
    }
    const url = cols.first(r, 'Issue URL', 'URL', 'Link') ?? (base ? `${base}/browse/${key}` : undefined);
    const target =
      normalizeDate(cols.first(r, 'Due date', 'Due Date', 'Target end')) ??
      cols.first(r, 'Fix Version/s', 'Fix versions');
    const item: ImportedItem = {
      id: key,
      kind: jiraKind(cols.first(r, 'Issue Type')),
      title,
      why: whyFromDescription(cols.first(r, 'Description'), 'jira'),
      status: statuses.status(cols.first(r, 'Status'), cols.first(r, 'Resolution')),
      owner: cols.first(r, 'Assignee'),
      target,
      links: url ? [url] : [],
      refs: [],
      parentId: parentId === key ? undefined : parentId,
      line: r.line,
    };
    items.push(item);
  }
  notes.push(...statuses.notes());
  return { tracker: 'jira', items, problems, notes };
}
