// Parses webview HTML the way a browser does (parse5 is a spec-compliant HTML parser, installed
// with @vscode/vsce) so tests check what a browser would build, not which characters we emitted.

interface P5Attr {
  name: string;
  value: string;
}
interface P5Node {
  nodeName: string;
  tagName?: string;
  attrs?: P5Attr[];
  childNodes?: P5Node[];
  content?: P5Node;
  value?: string;
}
type Parse5 = { parse(html: string): P5Node; parseFragment(html: string): P5Node };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const parse5 = require('parse5') as Parse5;

export interface DomElement {
  readonly tag: string;
  readonly attrs: ReadonlyMap<string, string>;
  readonly text: string;
}

export interface ParsedDom {
  readonly elements: readonly DomElement[];
  /** All text content, concatenated in document order. */
  readonly text: string;
}

function walk(node: P5Node, elements: DomElement[], texts: string[]): string {
  let own = '';
  if (node.nodeName === '#text') {
    texts.push(node.value ?? '');
    return node.value ?? '';
  }
  const kids = [...(node.childNodes ?? []), ...(node.content ? [node.content] : [])];
  const index = elements.length;
  if (node.tagName !== undefined) {
    elements.push({ tag: node.tagName, attrs: new Map((node.attrs ?? []).map((a) => [a.name, a.value])), text: '' });
  }
  for (const k of kids) own += walk(k, elements, texts);
  if (node.tagName !== undefined) {
    const el = elements[index];
    if (el) elements[index] = { ...el, text: own };
  }
  return own;
}

export function parseHtml(markup: string, fragment = false): ParsedDom {
  const root = fragment ? parse5.parseFragment(markup) : parse5.parse(markup);
  const elements: DomElement[] = [];
  const texts: string[] = [];
  walk(root, elements, texts);
  return { elements, text: texts.join('') };
}

/** Everything that could run code or load something: asserts none of it came from data. */
export function activeContent(dom: ParsedDom): string[] {
  const found: string[] = [];
  for (const el of dom.elements) {
    if (
      el.tag === 'script' ||
      el.tag === 'iframe' ||
      el.tag === 'object' ||
      el.tag === 'embed' ||
      el.tag === 'img' ||
      el.tag === 'foreignobject'
    ) {
      found.push(`<${el.tag} ${[...el.attrs.entries()].map(([k, v]) => `${k}=${v}`).join(' ')}>`);
    }
    for (const [name, value] of el.attrs) {
      if (name.startsWith('on')) found.push(`${el.tag}[${name}=${value}]`);
      if (
        (name === 'href' || name === 'src' || name === 'xlink:href' || name === 'data-external') &&
        !/^https?:\/\//i.test(value)
      ) {
        found.push(`${el.tag}[${name}=${value}]`);
      }
      if (name === 'style') found.push(`${el.tag}[style=${value}]`);
    }
  }
  return found;
}
