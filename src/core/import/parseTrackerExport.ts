// One entry point for the four trackers' export formats.

import { parseAhaCsv } from './ahaCsv';
import { parseGithubIssues } from './githubIssues';
import { parseJiraCsv } from './jiraCsv';
import { parseLinearCsv } from './linearCsv';
import type { ParseOptions, TrackerImport, TrackerName } from './trackerRecord';

export function parseTrackerExport(tracker: TrackerName, text: string, options: ParseOptions = {}): TrackerImport {
  switch (tracker) {
    case 'github':
      return parseGithubIssues(text, options);
    case 'jira':
      return parseJiraCsv(text, options);
    case 'linear':
      return parseLinearCsv(text, options);
    case 'aha':
      return parseAhaCsv(text, options);
  }
}

/** The tracker an export file most likely comes from (for the editor's picker default). */
export function guessTracker(fileName: string, head: string): TrackerName | undefined {
  const start = head.replace(/^\ufeff/, '').trimStart();
  if (start.startsWith('[')) return 'github';
  const header = start.split(/\r?\n/, 1)[0]?.toLowerCase() ?? '';
  if (header.includes('issue key') && header.includes('summary')) return 'jira';
  if (/(feature|epic|initiative|goal|requirement) reference/.test(header)) return 'aha';
  if (/(^|,)"?id"?(,|$)/.test(header) && header.includes('title')) return 'linear';
  return /\.json$/i.test(fileName) ? 'github' : undefined;
}
