// Branch names for "Start Work on Item…": a template such as `{kind}/{id}-{slug}` filled from the
// item. The result is only a proposal: the git layer validates it with `git check-ref-format`.

import type { RoadmapItem } from '../roadmap/roadmapTypes';

export const DEFAULT_BRANCH_TEMPLATE = '{kind}/{id}-{slug}';
export const DEFAULT_MAX_BRANCH_LENGTH = 80;

/** ASCII, lower case, words joined by `-`: `Café: one-click re-order!` → `cafe-one-click-re-order`. */
export function slugify(text: string, maxLength = 50): string {
  const ascii = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const words = ascii
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
  let out = '';
  for (const w of words) {
    const next = out.length === 0 ? w : `${out}-${w}`;
    if (next.length > maxLength) {
      if (out.length === 0) out = w.slice(0, maxLength);
      break;
    }
    out = next;
  }
  return out;
}

/** Characters git forbids in ref names, plus anything outside printable ASCII, become `-`. */
function sanitizeComponent(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
}

export interface BranchTemplateOptions {
  readonly maxLength?: number;
}

/**
 * Fills `{kind}`, `{id}`, `{slug}` (and `{owner}`). Slashes in the template stay; slashes inside
 * values do not. The slug is shortened to keep the whole name within maxLength.
 */
export function renderBranchName(
  template: string,
  item: Pick<RoadmapItem, 'id' | 'kind' | 'title'> & { owner?: string },
  opts: BranchTemplateOptions = {},
): string {
  const maxLength = opts.maxLength ?? DEFAULT_MAX_BRANCH_LENGTH;
  const values: Record<string, string> = {
    kind: sanitizeComponent(item.kind.toLowerCase()) || 'item',
    id: sanitizeComponent(item.id),
    owner: sanitizeComponent(item.owner ?? ''),
  };
  const fill = (slug: string): string =>
    template.replace(/\{(kind|id|slug|owner)\}/g, (_m, key: string) => (key === 'slug' ? slug : (values[key] ?? '')));
  const withoutSlug = fill('');
  const room = Math.max(0, maxLength - withoutSlug.length);
  const name = fill(slugify(item.title, room));
  return tidyBranchName(name)
    .slice(0, maxLength)
    .replace(/[-./]+$/, '');
}

/** Removes what an empty placeholder leaves behind (`feature/-x`, `a//b`, trailing `-`). */
function tidyBranchName(name: string): string {
  return name
    .split('/')
    .map((part) =>
      part
        .replace(/-{2,}/g, '-')
        .replace(/^[-.]+|[-.]+$/g, '')
        .replace(/\.lock$/, '-lock'),
    )
    .filter((part) => part.length > 0)
    .join('/');
}
