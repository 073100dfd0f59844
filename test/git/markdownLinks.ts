// The links and images of a Markdown file as a renderer sees them (markdown-it, CommonMark with
// HTML on, as GitHub and vsce render README.md), and the anchors its headings get. Code spans and
// fenced blocks are not links, so a path written as `code` is never checked.
import * as fs from 'node:fs';
import * as path from 'node:path';

interface Token {
  type: string;
  tag: string;
  content: string;
  map: [number, number] | null;
  attrGet(name: string): string | null;
  children: Token[] | null;
}
type MarkdownIt = { parse(src: string, env: object): Token[] };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const markdownIt = require('markdown-it') as (options: object) => MarkdownIt;
const md = markdownIt({ html: true });

export interface MarkdownLink {
  /** `link` or `image`. */
  readonly kind: 'link' | 'image';
  readonly target: string;
  /** 1-based line of the block the link is in. */
  readonly line: number;
}

const HTML_ATTR = /<(a|img|video|source)\b[^>]*?\s(href|src)\s*=\s*(["'])(.*?)\3/gi;

function htmlLinks(html: string, line: number, out: MarkdownLink[]): void {
  for (const m of html.matchAll(HTML_ATTR)) {
    out.push({ kind: m[1]?.toLowerCase() === 'a' ? 'link' : 'image', target: m[4] ?? '', line });
  }
}

export function markdownLinks(text: string): MarkdownLink[] {
  const out: MarkdownLink[] = [];
  for (const block of md.parse(text, {})) {
    const line = (block.map?.[0] ?? 0) + 1;
    if (block.type === 'html_block') htmlLinks(block.content, line, out);
    for (const token of block.children ?? []) {
      if (token.type === 'link_open') out.push({ kind: 'link', target: token.attrGet('href') ?? '', line });
      else if (token.type === 'image') out.push({ kind: 'image', target: token.attrGet('src') ?? '', line });
      else if (token.type === 'html_inline') htmlLinks(token.content, line, out);
    }
  }
  return out;
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to `-`, repeats get `-1`, `-2`… */
export function headingAnchors(text: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  const tokens = md.parse(text, {});
  tokens.forEach((token, i) => {
    if (token.type !== 'heading_open') return;
    const inline = tokens[i + 1];
    const title = (inline?.children ?? [])
      .filter((c) => c.type === 'text' || c.type === 'code_inline')
      .map((c) => c.content)
      .join('');
    const base = title
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  });
  return anchors;
}

export interface LinkProblem {
  readonly file: string;
  readonly line: number;
  readonly target: string;
  readonly problem: string;
}

/** Whether a link leaves the repository (a URL with a scheme, or protocol-relative). */
export function isExternal(target: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//');
}

/**
 * Every relative link and image of `files` (paths relative to `root`) resolved: the target must
 * exist, stay inside `root`, be in `packaged` (paths relative to root, `/`-separated), and an
 * `#anchor` into a Markdown file must name one of its headings.
 */
export function checkRelativeLinks(
  root: string,
  files: readonly string[],
  packaged: ReadonlySet<string>,
): LinkProblem[] {
  const problems: LinkProblem[] = [];
  for (const file of files) {
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    for (const link of markdownLinks(text)) {
      const report = (problem: string) => problems.push({ file, line: link.line, target: link.target, problem });
      if (link.target === '') {
        report('empty link');
        continue;
      }
      if (isExternal(link.target)) continue;
      const [rawPath = '', anchor] = link.target.split('#', 2);
      const targetFile =
        rawPath === '' ? file : path.posix.normalize(path.posix.join(path.posix.dirname(file), decodeURI(rawPath)));
      if (targetFile.startsWith('../') || path.posix.isAbsolute(targetFile)) {
        report('points outside the repository');
        continue;
      }
      const absolute = path.join(root, targetFile);
      if (!fs.existsSync(absolute)) {
        report(`${targetFile} does not exist`);
        continue;
      }
      if (!fs.statSync(absolute).isFile()) {
        report(`${targetFile} is a folder, not a file`);
        continue;
      }
      if (!packaged.has(targetFile)) report(`${targetFile} is not in the .vsix (see .vscodeignore)`);
      if (anchor !== undefined && anchor !== '' && targetFile.endsWith('.md')) {
        const anchors = headingAnchors(fs.readFileSync(absolute, 'utf8'));
        if (!anchors.has(anchor)) report(`${targetFile} has no heading for #${anchor}`);
      }
    }
  }
  return problems;
}
