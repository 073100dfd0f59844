// What every tracker parser produces: roadmap items in tracker terms, before they meet the YAML.
// Parsers are pure (text in, records out); the merge (importMerge.ts) decides what to write.

export const TRACKERS = ['github', 'jira', 'linear', 'aha'] as const;
export type TrackerName = (typeof TRACKERS)[number];

export const TRACKER_LABELS: Readonly<Record<TrackerName, string>> = {
  github: 'GitHub Issues',
  jira: 'Jira',
  linear: 'Linear',
  aha: 'Aha!',
};

export interface ImportedItem {
  /** A valid roadmap id (the tracker key, or one derived from it). */
  readonly id: string;
  readonly kind: string;
  readonly title: string;
  readonly why?: string | undefined;
  readonly status?: string | undefined;
  readonly owner?: string | undefined;
  readonly target?: string | undefined;
  readonly links: readonly string[];
  /** Other keys that mean this item (`#12` for a GitHub issue): matched on re-import too. */
  readonly refs: readonly string[];
  /** The parent's import id, when the tracker has one. */
  readonly parentId?: string | undefined;
  /** 1-based line in the export where the item was read (0 when derived, e.g. a milestone). */
  readonly line: number;
}

export interface ImportProblem {
  /** 1-based line in the export; 0 for the file as a whole. */
  readonly line: number;
  readonly message: string;
}

export interface TrackerImport {
  readonly tracker: TrackerName;
  readonly items: readonly ImportedItem[];
  /** Rows skipped, with why (never guessed). */
  readonly problems: readonly ImportProblem[];
  /** Things worth saying that skipped nothing (unmapped statuses, parents not in the export). */
  readonly notes: readonly string[];
}

export interface ParseOptions {
  /** Extra or overriding status names (compared ignoring case) → roadmap status. */
  readonly statusMap?: ReadonlyMap<string, string>;
  /** Tracker base URL for exports without issue URLs (Jira, Linear): `https://acme.atlassian.net`. */
  readonly baseUrl?: string;
}

/** Letters and digits (any script), `-`, `_` and `.`: the roadmap's id rule (roadmapKeys.ts). */
export const IMPORT_ID_PATTERN = /^[\p{L}\p{N}_.-]+$/u;

/** A readable id from a name: `Checkout revamp` → `checkout-revamp`. */
export function slugId(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

/** A date the trackers write (ISO, `15/Mar/24`, `3/15/2024`) as `YYYY-MM-DD`; anything else as written. */
export function normalizeDate(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (v.length === 0) return undefined;
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(v);
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
  const jira = /^(\d{1,2})\/([A-Za-z]{3})\/(\d{2}|\d{4})(?:\s.*)?$/.exec(v);
  if (jira) {
    const month = months.indexOf((jira[2] ?? '').toLowerCase()) + 1;
    const y = jira[3] ?? '';
    if (month > 0) return `${y.length === 2 ? `20${y}` : y}-${pad(month)}-${pad(Number(jira[1]))}`;
  }
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s.*)?$/.exec(v);
  if (us) return `${us[3]}-${pad(Number(us[1]))}-${pad(Number(us[2]))}`;
  return v;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Kinds a label can name: `epic`, `kind: epic`, `type/feature`… */
const LABEL_KIND = /^(?:(?:kind|type|level)\s*[:/]\s*)?(goal|initiative|epic|feature|story)$/i;

export function kindFromLabels(labels: readonly string[]): string | undefined {
  for (const label of labels) {
    const m = LABEL_KIND.exec(label.trim());
    if (m?.[1]) return m[1].toLowerCase();
  }
  return undefined;
}
