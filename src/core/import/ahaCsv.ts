// Aha! Roadmaps' CSV export of a list report: one row per feature (or requirement), with the
// record's columns prefixed by its type — `Goal reference #`, `Initiative name`, `Epic reference #`
// (`Master feature …` in older accounts), `Feature name`, `Feature description`, `Feature status`,
// `Feature assigned to`, `Feature due date`, `Release name`, `Requirement reference #`… Each
// reference number becomes an item; a row's records nest goal → initiative → epic → feature →
// requirement. The first row that carries a record's field wins.

import { CsvColumns, readCsv, type CsvRecord } from './csvReader';
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

const LEVELS = [
  { kind: 'goal', prefixes: ['Goal'] },
  { kind: 'initiative', prefixes: ['Initiative'] },
  { kind: 'epic', prefixes: ['Epic', 'Master feature'] },
  { kind: 'feature', prefixes: ['Feature'] },
  { kind: 'story', prefixes: ['Requirement'] },
] as const;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function parseAhaCsv(text: string, options: ParseOptions = {}): TrackerImport {
  const table = readCsv(text);
  const problems: ImportProblem[] = [...table.problems];
  const cols = new CsvColumns(table.header);
  const names = (prefixes: readonly string[], ...suffixes: string[]): string[] =>
    prefixes.flatMap((p) => suffixes.map((s) => `${p} ${s}`));
  const refCols = LEVELS.map((l) => names(l.prefixes, 'reference #', 'reference number', 'reference', 'ID'));
  if (!refCols.some((c) => cols.has(...c))) {
    return {
      tracker: 'aha',
      items: [],
      problems: [
        ...problems,
        {
          line: table.headerLine || 1,
          message:
            'not an Aha! CSV export: no `<Record> reference #` column (Goal, Initiative, Epic, Feature, Requirement)',
        },
      ],
      notes: [],
    };
  }
  const statuses = new StatusMapper(options.statusMap);
  const byId = new Map<string, Mutable<ImportedItem>>();
  const order: string[] = [];
  const get = (r: CsvRecord, prefixes: readonly string[], ...suffixes: string[]): string | undefined =>
    cols.first(r, ...names(prefixes, ...suffixes));
  for (const r of table.records) {
    let parent: string | undefined;
    let any = false;
    let broken: string | undefined;
    // Nothing of a row lands until the whole row has read cleanly.
    const pending: Mutable<ImportedItem>[] = [];
    const parents: [Mutable<ImportedItem>, string | undefined][] = [];
    LEVELS.forEach((level, i) => {
      if (broken !== undefined) return;
      const ref = cols.first(r, ...(refCols[i] ?? []));
      if (ref === undefined) return;
      if (!IMPORT_ID_PATTERN.test(ref)) {
        broken = `the ${level.kind} reference "${ref}" is not a valid id`;
        return;
      }
      any = true;
      const name = get(r, level.prefixes, 'name');
      const existing = byId.get(ref.toUpperCase()) ?? pending.find((p) => p.id.toUpperCase() === ref.toUpperCase());
      if (existing) {
        parents.push([existing, parent]);
        parent = existing.id;
        return;
      }
      if (!name) {
        broken = `${ref} has no \`${level.prefixes[0]} name\``;
        return;
      }
      const url = get(r, level.prefixes, 'URL', 'url');
      const item: Mutable<ImportedItem> = {
        id: ref,
        kind: level.kind,
        title: name,
        why: whyFromDescription(get(r, level.prefixes, 'description'), 'html'),
        status: statuses.status(get(r, level.prefixes, 'status', 'workflow status')),
        owner: get(r, level.prefixes, 'assigned to', 'assignee', 'owner'),
        target:
          normalizeDate(get(r, level.prefixes, 'due date', 'end date', 'release date')) ??
          (level.kind === 'feature' || level.kind === 'story' ? cols.first(r, 'Release name', 'Release') : undefined),
        links: url && /^https?:\/\//.test(url) ? [url] : [],
        refs: [],
        parentId: parent,
        line: r.line,
      };
      pending.push(item);
      parent = ref;
    });
    if (broken !== undefined) problems.push({ line: r.line, message: `${broken}; row skipped` });
    else if (!any) problems.push({ line: r.line, message: 'no reference number in any record column; row skipped' });
    else {
      for (const item of pending) {
        byId.set(item.id.toUpperCase(), item);
        order.push(item.id.toUpperCase());
      }
      for (const [item, p] of parents) item.parentId ??= p;
    }
  }
  const items = order.map((k) => byId.get(k)).filter((i): i is Mutable<ImportedItem> => i !== undefined);
  return { tracker: 'aha', items, problems, notes: statuses.notes() };
}
