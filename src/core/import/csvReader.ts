// A strict RFC 4180 reader for tracker exports: quoted fields may span lines, `""` is a quote,
// CRLF / LF / CR all end a record, a UTF-8 BOM is dropped, and repeated header names are kept
// (Jira writes one `Labels` or `Fix Version/s` column per value). A record that breaks the rules
// is reported with the line it starts on and skipped: the reader never guesses what was meant.

export interface CsvRecord {
  /** 1-based line on which the record starts (a quoted field may carry it over several lines). */
  readonly line: number;
  readonly fields: readonly string[];
}

export interface CsvProblem {
  readonly line: number;
  readonly message: string;
}

export interface CsvTable {
  readonly header: readonly string[];
  readonly headerLine: number;
  readonly records: readonly CsvRecord[];
  readonly problems: readonly CsvProblem[];
}

/** Bounds a hostile file: a field or record beyond these is reported, never buffered. */
export const MAX_CSV_FIELDS = 10_000;

type Scan = { fields: string[]; end: number; lines: number } | { error: string; end: number; lines: number };

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/** Offset just past the line break at `i` (CRLF counts as one), or `i` if there is none. */
function skipBreak(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === CR) return text.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
  if (c === LF) return i + 1;
  return i;
}

/** Where the physical line holding `i` ends (after its break), for skipping a broken record. */
function nextLine(text: string, i: number): { end: number; lines: number } {
  for (let j = i; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === LF || c === CR) return { end: skipBreak(text, j), lines: 1 };
  }
  return { end: text.length, lines: 0 };
}

/** Reads one record starting at `start`; `lines` is how many line breaks it consumed. */
function scanRecord(text: string, start: number): Scan {
  const fields: string[] = [];
  let i = start;
  let lines = 0;
  for (;;) {
    if (fields.length >= MAX_CSV_FIELDS) {
      const skip = nextLine(text, i);
      return { error: `more than ${MAX_CSV_FIELDS} fields`, end: skip.end, lines: lines + skip.lines };
    }
    if (text.charCodeAt(i) === QUOTE) {
      // Quoted field: runs to the next lone quote; line breaks inside belong to the value.
      let value = '';
      let from = i + 1;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q < 0) {
          return {
            error: 'a quoted field that starts on this line never ends',
            end: text.length,
            lines: lines + countBreaks(text, from, text.length),
          };
        }
        lines += countBreaks(text, from, q);
        value += text.slice(from, q);
        if (text.charCodeAt(q + 1) === QUOTE) {
          value += '"';
          from = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      fields.push(value.includes('\r') ? value.replace(/\r\n?/g, '\n') : value);
      const c = text.charCodeAt(i);
      if (c === COMMA) {
        i++;
        continue;
      }
      if (i >= text.length) return { fields, end: i, lines };
      if (c === LF || c === CR) return { fields, end: skipBreak(text, i), lines: lines + 1 };
      const skip = nextLine(text, i);
      return {
        error: `unexpected text after a closing quote (field ${fields.length})`,
        end: skip.end,
        lines: lines + skip.lines,
      };
    }
    // Unquoted field: up to the next comma or line break; a quote inside it is malformed.
    let j = i;
    for (; j < text.length; j++) {
      const c = text.charCodeAt(j);
      if (c === COMMA || c === LF || c === CR) break;
      if (c === QUOTE) {
        const skip = nextLine(text, j);
        return {
          error: `a quote inside an unquoted field (field ${fields.length + 1}); quote the whole field and double the quote`,
          end: skip.end,
          lines: lines + skip.lines,
        };
      }
    }
    fields.push(text.slice(i, j));
    if (j >= text.length) return { fields, end: j, lines };
    if (text.charCodeAt(j) === COMMA) {
      i = j + 1;
      continue;
    }
    return { fields, end: skipBreak(text, j), lines: lines + 1 };
  }
}

function countBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let j = from; j < to; j++) {
    const c = text.charCodeAt(j);
    if (c === LF) n++;
    else if (c === CR && text.charCodeAt(j + 1) !== LF) n++;
  }
  return n;
}

/** Reads a whole CSV text: the first non-blank record is the header. */
export function readCsv(input: string): CsvTable {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];
  let header: readonly string[] | undefined;
  let headerLine = 0;
  let offset = 0;
  let line = 1;
  while (offset < text.length) {
    const c = text.charCodeAt(offset);
    if (c === LF || c === CR) {
      // A blank line separates nothing in CSV: skip it.
      offset = skipBreak(text, offset);
      line++;
      continue;
    }
    const scan = scanRecord(text, offset);
    const startLine = line;
    offset = scan.end;
    line += scan.lines;
    if ('error' in scan) {
      problems.push({ line: startLine, message: `malformed CSV: ${scan.error}; row skipped` });
      continue;
    }
    if (header === undefined) {
      header = scan.fields.map((f) => f.trim());
      headerLine = startLine;
      continue;
    }
    if (scan.fields.length !== header.length) {
      problems.push({
        line: startLine,
        message: `malformed CSV: ${scan.fields.length} fields where the header has ${header.length}; row skipped`,
      });
      continue;
    }
    records.push({ line: startLine, fields: scan.fields });
  }
  return { header: header ?? [], headerLine, records, problems };
}

/**
 * Columns by name, ignoring case and surrounding space. A name may repeat (Jira writes one column
 * per label); `first` reads the first non-empty one, `all` every non-empty one in order.
 */
export class CsvColumns {
  private readonly byName = new Map<string, number[]>();

  constructor(header: readonly string[]) {
    header.forEach((name, index) => {
      const key = CsvColumns.key(name);
      const list = this.byName.get(key);
      if (list) list.push(index);
      else this.byName.set(key, [index]);
    });
  }

  static key(name: string): string {
    return name.trim().toLowerCase().replace(/\s+/g, ' ');
  }

  /** Whether any of these names is a column. */
  has(...names: string[]): boolean {
    return names.some((n) => this.byName.has(CsvColumns.key(n)));
  }

  /** The first non-empty value among the columns with any of these names (tried in order). */
  first(record: CsvRecord, ...names: string[]): string | undefined {
    for (const name of names) {
      for (const index of this.byName.get(CsvColumns.key(name)) ?? []) {
        const v = record.fields[index]?.trim();
        if (v) return v;
      }
    }
    return undefined;
  }

  /** Every non-empty value of the columns with any of these names, in column order. */
  all(record: CsvRecord, ...names: string[]): string[] {
    const out: string[] = [];
    for (const name of names) {
      for (const index of this.byName.get(CsvColumns.key(name)) ?? []) {
        const v = record.fields[index]?.trim();
        if (v) out.push(v);
      }
    }
    return out;
  }
}
