// The Markdown card shown in tree tooltips and hovers. Every piece of text comes from a YAML file
// someone else may have written, so all of it is escaped: a `why` must never become a
// `command:` link, an image, raw HTML or a theme icon.

import type { Metric, RoadmapItem } from '../roadmap/roadmapTypes';
import { NO_STATUS, progressBar, progressFraction, progressText, statusBucket } from '../rollup/rollup';

/** What the card needs from the index; `RoadmapIndex` satisfies it. */
export interface CardContext {
  readonly product?: string | undefined;
  ancestors(id: string): readonly RoadmapItem[];
  /** For a parent's progress line ("Children: 4 of 4 shipped"). */
  children?(id: string): readonly RoadmapItem[];
}

/** Long enough for any real why; a 10 MB field must not freeze a hover. */
const MAX_TEXT = 2000;

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/g;

/**
 * Makes `text` render literally. CommonMark lets any ASCII punctuation be backslash-escaped, so
 * escaping all of it defeats links, emphasis, headings, lists, tables, autolinks and `$(icon)`
 * syntax at once; `<`, `>` and `&` become entities so no raw `<` reaches the renderer. Leading
 * whitespace is dropped per line (it would start a code block) and blank lines keep paragraphs.
 */
export function escapeMarkdown(text: string): string {
  const limited = text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
  return limited
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trim().replace(ASCII_PUNCTUATION, escapeChar))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n');
}

function escapeChar(ch: string): string {
  if (ch === '<') return '&lt;';
  if (ch === '>') return '&gt;';
  if (ch === '&') return '&amp;';
  return `\\${ch}`;
}

/** A single-line variant for labels inside one line of the card. */
function inline(text: string): string {
  return escapeMarkdown(text.replace(/\s+/g, ' '));
}

/** Only web links become clickable; the href is re-serialised and stripped of Markdown breakers. */
export function safeHttpUrl(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  return url.href.replace(
    /[()<>[\]"'\\\s`]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

const KIND_LABELS: Readonly<Record<string, string>> = {
  goal: 'Goal',
  initiative: 'Initiative',
  epic: 'Epic',
  feature: 'Feature',
  story: 'Story',
};

export function kindLabel(kind: string): string {
  return KIND_LABELS[kind.toLowerCase()] ?? kind;
}

function metricLine(metric: Metric): string {
  const unit = metric.unit !== undefined ? ` ${inline(metric.unit)}` : '';
  const parts: string[] = [];
  if (metric.baseline !== undefined || metric.target !== undefined) {
    parts.push(`${inline(metric.baseline ?? '?')} → ${inline(metric.target ?? '?')}${unit}`);
  }
  if (metric.current !== undefined) parts.push(`now ${inline(metric.current)}${unit}`);
  const values = parts.length > 0 ? `: ${parts.join(', ')}` : '';
  return `- ${inline(metric.name)}${values}`;
}

function linkMarkdown(link: string): string {
  const href = safeHttpUrl(link);
  return href === undefined ? inline(link) : `[${inline(link)}](${href})`;
}

function itemRef(item: RoadmapItem): string {
  return `${inline(item.title)} (${inline(item.id)})`;
}

/** The card for one item: title, kind/id/status, why, metrics, owner, target, links, parents. */
export function renderItemCardMarkdown(item: RoadmapItem, context: CardContext): string {
  const blocks: string[] = [];
  blocks.push(`**${inline(item.title)}**`);

  const facts = [inline(kindLabel(item.kind)), inline(item.id)];
  if (item.status !== undefined) facts.push(inline(item.status));
  blocks.push(facts.join(' · '));

  blocks.push(item.why !== undefined && item.why.trim() !== '' ? escapeMarkdown(item.why) : '*No why recorded yet.*');

  if (item.metrics.length > 0) {
    blocks.push(['**Metrics**', '', ...item.metrics.map(metricLine)].join('\n'));
  }

  const people: string[] = [];
  if (item.owner !== undefined) people.push(`Owner: ${inline(item.owner)}`);
  if (item.target !== undefined) people.push(`Target: ${inline(item.target)}`);
  if (people.length > 0) blocks.push(people.join(' · '));

  const children = context.children?.(item.id) ?? [];
  if (children.length > 0) {
    const counts = { ...NO_STATUS };
    for (const c of children) {
      counts.total++;
      counts[statusBucket(c.status)]++;
    }
    const fraction = progressFraction(counts);
    const bar = fraction === undefined ? '' : ` ${progressBar(fraction)}`;
    blocks.push(`Children: ${children.length}${counts.total > 0 ? ` · ${progressText(counts)}` : ''}${bar}`);
  }

  if (item.aliases.length > 0) blocks.push(`Also known as: ${item.aliases.map(inline).join(', ')}`);
  if (item.links.length > 0) blocks.push(`Links: ${item.links.map(linkMarkdown).join(' · ')}`);

  const chain = [...context.ancestors(item.id)].reverse();
  if (chain.length > 0) {
    const product = context.product !== undefined ? `${inline(context.product)} › ` : '';
    blocks.push(`Part of: ${product}${chain.map(itemRef).join(' › ')}`);
  }
  return blocks.join('\n\n');
}
