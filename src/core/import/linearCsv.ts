// Linear's CSV export (Settings → Import / export → Export CSV): `ID`, `Title`, `Description`,
// `Status`, `Project`, `Cycle Name` / `Cycle`, `Parent issue`, `Labels`, `Assignee`, `Due Date`
// (other columns ignored). Projects become epics (id `project-<name>`), issues features, sub-issues
// stories; a label naming a kind sets it.

import { CsvColumns, readCsv } from './csvReader';
import { whyFromDescription } from './descriptionText';
import { StatusMapper } from './statusMapping';
import {
  IMPORT_ID_PATTERN,
  kindFromLabels,
  normalizeDate,
  slugId,
  type ImportedItem,
  type ImportProblem,
  type ParseOptions,
  type TrackerImport,
} from './trackerRecord';

/** Linear writes labels as one comma-separated cell. */
function splitLabels(cells: readonly string[]): string[] {
  return cells
    .flatMap((c) => c.split(','))
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

export function parseLinearCsv(text: string, options: ParseOptions = {}): TrackerImport {
  const table = readCsv(text);
  const problems: ImportProblem[] = [...table.problems];
  const cols = new CsvColumns(table.header);
  if (!cols.has('ID') || !cols.has('Title')) {
    return {
      tracker: 'linear',
      items: [],
      problems: [
        ...problems,
        { line: table.headerLine || 1, message: 'not a Linear CSV export: the header needs `ID` and `Title` columns' },
      ],
      notes: [],
    };
  }
  const statuses = new StatusMapper(options.statusMap);
  const base = options.baseUrl?.replace(/\/+$/, '');
  const projects = new Map<string, { title: string; states: string[]; line: number }>();
  const items: ImportedItem[] = [];
  for (const r of table.records) {
    const id = cols.first(r, 'ID', 'Identifier');
    const title = cols.first(r, 'Title');
    if (!id || !IMPORT_ID_PATTERN.test(id)) {
      problems.push({
        line: r.line,
        message: id ? `the ID "${id}" is not a valid id; row skipped` : 'no `ID`; row skipped',
      });
      continue;
    }
    if (!title) {
      problems.push({ line: r.line, message: `${id} has no \`Title\`; row skipped` });
      continue;
    }
    const parentIssue = cols.first(r, 'Parent issue', 'Parent Issue', 'Parent');
    // Linear writes "ENG-12" or "ENG-12 Some title" for the parent: the identifier is the first word.
    const parentKey = parentIssue?.split(/\s+/)[0];
    if (parentIssue !== undefined && (!parentKey || !IMPORT_ID_PATTERN.test(parentKey))) {
      problems.push({
        line: r.line,
        message: `${id}: the parent issue "${parentIssue}" has no identifier; row skipped`,
      });
      continue;
    }
    const project = cols.first(r, 'Project');
    const status = statuses.status(cols.first(r, 'Status', 'State'));
    let projectId: string | undefined;
    if (project !== undefined && slugId(project).length > 0) {
      projectId = `project-${slugId(project)}`;
      const p = projects.get(projectId) ?? { title: project, states: [], line: r.line };
      p.states.push(status ?? 'planned');
      projects.set(projectId, p);
    }
    const labels = splitLabels(cols.all(r, 'Labels', 'Label'));
    const url = cols.first(r, 'URL', 'Issue URL') ?? (base ? `${base}/issue/${id}` : undefined);
    items.push({
      id,
      kind: kindFromLabels(labels) ?? (parentKey ? 'story' : 'feature'),
      title,
      why: whyFromDescription(cols.first(r, 'Description'), 'markdown'),
      status,
      owner: cols.first(r, 'Assignee'),
      target: normalizeDate(cols.first(r, 'Due Date', 'Due date')) ?? cols.first(r, 'Cycle Name', 'Cycle'),
      links: url ? [url] : [],
      refs: [],
      parentId: parentKey ?? projectId,
      line: r.line,
    });
  }
  const epics: ImportedItem[] = [...projects].map(([id, p]) => {
    const done = p.states.filter((s) => s === 'shipped' || s === 'dropped').length;
    const status =
      done === p.states.length ? 'shipped' : done > 0 || p.states.includes('in-progress') ? 'in-progress' : 'planned';
    return { id, kind: 'epic', title: p.title, status, links: [], refs: [], line: p.line };
  });
  return { tracker: 'linear', items: [...epics, ...items], problems, notes: statuses.notes() };
}
