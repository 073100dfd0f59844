// The roadmap overview as a standalone SVG image (for slides and planning docs). Pure: it cannot
// measure text, so it wraps by character count with a conservative average glyph width. Colours
// are explicit because the file is viewed outside VS Code, where theme variables do not exist.

import { escapeHtml } from './html';
import { clampText, describeWork, overviewHeading, type Overview } from './roadmapOverview';

export interface SvgTheme {
  readonly background: string;
  readonly foreground: string;
  readonly muted: string;
  readonly cardBackground: string;
  readonly cardBorder: string;
  readonly accent: string;
  readonly status: Readonly<Record<string, string>>;
}

export const LIGHT_THEME: SvgTheme = {
  background: '#ffffff',
  foreground: '#1f2328',
  muted: '#59636e',
  cardBackground: '#f6f8fa',
  cardBorder: '#d1d9e0',
  accent: '#0969da',
  status: { planned: '#0969da', 'in-progress': '#9a6700', shipped: '#1a7f37', dropped: '#59636e', other: '#8250df' },
};

export const DARK_THEME: SvgTheme = {
  background: '#1e1e1e',
  foreground: '#e6edf3',
  muted: '#9198a1',
  cardBackground: '#262a30',
  cardBorder: '#3d444d',
  accent: '#4493f8',
  status: { planned: '#4493f8', 'in-progress': '#d29922', shipped: '#3fb950', dropped: '#9198a1', other: '#ab7df8' },
};

const COLUMN_WIDTH = 260;
const GAP = 16;
const PADDING = 24;
const CARD_PADDING = 12;
const LINE = 17;
const CHARS_PER_LINE = 38;
const SIDE_WIDTH = 200;

/**
 * XML 1.0 forbids most control characters and lone surrogates even as references: one in a title
 * would make the whole file unreadable, so they are dropped before escaping.
 */
export function xmlText(text: string): string {
  return escapeHtml(
    text.replace(
      // eslint-disable-next-line no-control-regex -- matching control characters is the point
      /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
      '',
    ),
  );
}

/** Greedy word wrap by characters; long words are broken. At most `maxLines`, the last with "…". */
export function wrapText(text: string, width: number, maxLines: number): string[] {
  const words = text
    .replace(/\s+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '');
  const lines: string[] = [];
  let line = '';
  for (let word of words) {
    while (word.length > width) {
      if (line !== '') {
        lines.push(line);
        line = '';
      }
      lines.push(word.slice(0, width));
      word = word.slice(width);
    }
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '') lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1] ?? '';
  kept[maxLines - 1] = `${last.length < width ? last : shorten(last, width - 1)}…`;
  return kept;
}

/** Cuts at the last space that fits, or mid-word when there is none. */
function shorten(line: string, max: number): string {
  const cut = line.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return space > 0 ? cut.slice(0, space) : cut;
}

function statusColor(theme: SvgTheme, status: string | undefined): string {
  const s = (status ?? '')
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
  return theme.status[s] ?? theme.status['other'] ?? theme.accent;
}

function textEl(x: number, y: number, text: string, attrs: string): string {
  return `<text x="${x}" y="${y}" ${attrs}>${xmlText(text)}</text>`;
}

/** Cards beyond this per column are summarised as "+N more" to keep the image readable. */
const MAX_CARDS = 40;

export function renderOverviewSvg(overview: Overview, theme: SvgTheme = LIGHT_THEME): string {
  const parts: string[] = [];
  const top = PADDING + 44;
  let maxBottom = top;
  overview.columns.forEach((column, ci) => {
    const x = PADDING + ci * (COLUMN_WIDTH + GAP);
    parts.push(
      textEl(
        x,
        top,
        `${clampText(column.title, 28)} (${column.cards.length})`,
        `font-size="14" font-weight="600" fill="${theme.foreground}"`,
      ),
    );
    let y = top + 14;
    for (const { item, work } of column.cards.slice(0, MAX_CARDS)) {
      const title = wrapText(item.title, CHARS_PER_LINE - 2, 2);
      const why = wrapText(item.why ?? '', CHARS_PER_LINE, 3);
      const height = CARD_PADDING * 2 + LINE * (1 + title.length + why.length) + (why.length > 0 ? 4 : 0);
      const color = statusColor(theme, item.status);
      parts.push(
        `<g><rect x="${x}" y="${y}" width="${COLUMN_WIDTH}" height="${height}" rx="6" fill="${theme.cardBackground}" stroke="${theme.cardBorder}"/>` +
          `<rect x="${x}" y="${y}" width="4" height="${height}" rx="2" fill="${color}"/>`,
      );
      let ty = y + CARD_PADDING + 12;
      const meta = [item.id, overview.mode === 'target' ? item.status : item.target, describeWork(work)].filter(
        (s): s is string => s !== undefined && s.trim() !== '',
      );
      parts.push(
        textEl(
          x + CARD_PADDING,
          ty,
          clampText(meta.join(' · '), CHARS_PER_LINE + 8),
          `font-size="11" fill="${theme.muted}"`,
        ),
      );
      for (const l of title) {
        ty += LINE;
        parts.push(textEl(x + CARD_PADDING, ty, l, `font-size="13" font-weight="600" fill="${theme.foreground}"`));
      }
      if (why.length > 0) ty += 4;
      for (const l of why) {
        ty += LINE;
        parts.push(textEl(x + CARD_PADDING, ty, l, `font-size="12" fill="${theme.muted}"`));
      }
      parts.push('</g>');
      y += height + 10;
    }
    if (column.cards.length > MAX_CARDS) {
      y += 14;
      parts.push(textEl(x, y, `+${column.cards.length - MAX_CARDS} more`, `font-size="12" fill="${theme.muted}"`));
    }
    maxBottom = Math.max(maxBottom, y);
  });

  const columnsWidth = Math.max(1, overview.columns.length) * (COLUMN_WIDTH + GAP) - GAP;
  let width = PADDING * 2 + columnsWidth;
  if (overview.unlinked !== undefined) {
    const sx = width - PADDING + GAP;
    width = sx + SIDE_WIDTH + PADDING;
    parts.push(
      `<rect x="${sx}" y="${top - 18}" width="${SIDE_WIDTH}" height="78" rx="6" fill="none" stroke="${theme.cardBorder}" stroke-dasharray="4 3"/>`,
      textEl(
        sx + CARD_PADDING,
        top + 2,
        'Unlinked work',
        `font-size="13" font-weight="600" fill="${theme.foreground}"`,
      ),
      textEl(
        sx + CARD_PADDING,
        top + 24,
        `${overview.unlinked.branches} branches`,
        `font-size="12" fill="${theme.muted}"`,
      ),
      textEl(
        sx + CARD_PADDING,
        top + 44,
        `${overview.unlinked.commits} commits`,
        `font-size="12" fill="${theme.muted}"`,
      ),
    );
    maxBottom = Math.max(maxBottom, top + 70);
  }
  if (overview.columns.length === 0) {
    parts.push(textEl(PADDING, top + 20, 'No items in the roadmap yet.', `font-size="13" fill="${theme.muted}"`));
    maxBottom = top + 30;
  }
  const height = maxBottom + PADDING;
  const heading = overviewHeading(overview);
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
    `font-family="-apple-system, 'Segoe UI', Helvetica, Arial, sans-serif" role="img" aria-label="${xmlText(heading)}">` +
    `<title>${xmlText(heading)}</title>` +
    `<rect width="100%" height="100%" fill="${theme.background}"/>` +
    textEl(PADDING, PADDING + 18, heading, `font-size="20" font-weight="600" fill="${theme.foreground}"`) +
    parts.join('') +
    `</svg>\n`
  );
}
