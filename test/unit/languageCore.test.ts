// The pure parts of "the roadmap as a language": where ids count (comments and prose, not strings
// or code), what is being typed, ranking, rename edits, YAML insertions, TODOs and the hook's
// message rules.
import * as assert from 'node:assert/strict';
import { inWritingAt, segmentScanner } from '../../src/core/language/commentSegments';
import { annotationText, documentStyle, languageIdForPath } from '../../src/core/language/commentTokens';
import { messagePlace, wordBefore, yamlValueKey } from '../../src/core/language/completionContext';
import { completionCandidates, rankItems } from '../../src/core/language/itemCompletion';
import { closestId, freeId, nextChildId, suggestionIn } from '../../src/core/language/quickFixes';
import { renameInRoadmapText } from '../../src/core/language/renameItem';
import { roadmapOutline } from '../../src/core/language/roadmapOutline';
import { findTodo, titleFrom } from '../../src/core/language/todoComments';
import { appendItem, insertWhyStub } from '../../src/core/language/yamlInsert';
import { parseRoadmapFile } from '../../src/core/roadmap/parseRoadmap';
import { applyTextEdits } from '../../src/core/roadmap/tagEdit';
import { hookScript, isOurHook, messageContent, prepareMessage } from '../../src/core/hook/commitHook';
import { ReferenceMatcher } from '../../src/core/linking/referenceMatcher';

function at(lines: string[], ch: number, lang: string): boolean {
  return inWritingAt(lines, ch, documentStyle(lang), lang);
}

const ROADMAP = `# Shop roadmap
version: 1
items:
  - id: CHK            # the epic
    kind: epic
    title: Frictionless checkout
    why: Shoppers rebuild carts.
    items:
      - id: CHK-14
        kind: feature
        title: Saved carts
        why: Carts get lost.
  - id: "CHK-12"
    parent: CHK
    kind: feature
    title: One-click reorder
    refs: [PAY-881]
`;

describe('language: where ids count', () => {
  it('comments count, strings and code do not (TypeScript)', () => {
    assert.equal(at(['const a = 1; // see CH'], 22, 'typescript'), true);
    assert.equal(at(['const s = "// CH"'], 16, 'typescript'), false);
    assert.equal(at(['call(CH'], 7, 'typescript'), false);
    assert.equal(at(['/* start', ' * CH'], 5, 'typescript'), true);
    assert.equal(at(['/* done */ CH'], 13, 'typescript'), false);
    assert.equal(at(['const t = `', '// not a comment CH'], 19, 'typescript'), false);
  });
  it('uses each language’s tokens: # in Python, -- in SQL, <!-- --> in HTML', () => {
    assert.equal(at(['x = 1  # CH'], 11, 'python'), true);
    assert.equal(at(['x = "# CH"'], 9, 'python'), false);
    assert.equal(at(['// CH'], 5, 'python'), false);
    assert.equal(at(['select 1 -- CH'], 14, 'sql'), true);
    assert.equal(at(['<p>CH</p>'], 5, 'html'), false);
    assert.equal(at(['<!-- CH -->'], 7, 'html'), true);
  });
  it('prose counts in Markdown except code spans and fences; git comments in commit messages do not', () => {
    assert.equal(at(['See CH'], 6, 'markdown'), true);
    assert.equal(at(['Run `CH` now'], 7, 'markdown'), false);
    assert.equal(at(['```', 'CH'], 2, 'markdown'), false);
    assert.equal(at(['```', 'x', '```', 'CH'], 2, 'markdown'), true);
    assert.equal(at(['# Please enter CH'], 17, 'git-commit'), false);
    assert.equal(at(['Fix CH'], 6, 'git-commit'), true);
  });
  it('a scanner carries block comments across lines', () => {
    const s = segmentScanner(documentStyle('typescript'));
    assert.deepEqual(s.next('a /* b'), [{ start: 4, end: 6 }]);
    assert.deepEqual(s.next('c */ d // e'), [
      { start: 0, end: 2 },
      { start: 9, end: 11 },
    ]);
  });
  it('annotations in the language’s syntax; languages from file names', () => {
    assert.equal(annotationText('typescript', 'CHK-12'), '// Roadmap: CHK-12');
    assert.equal(annotationText('python', 'CHK-12'), '# Roadmap: CHK-12');
    assert.equal(annotationText('css', 'CHK-12'), '/* Roadmap: CHK-12 */');
    assert.equal(annotationText('markdown', 'CHK-12'), '<!-- Roadmap: CHK-12 -->');
    assert.equal(languageIdForPath('/a/b/cart.test.ts'), 'typescript');
    assert.equal(languageIdForPath('/a/Dockerfile'), 'dockerfile');
    assert.equal(languageIdForPath('/a/noext'), '');
  });
});

describe('language: what is being typed', () => {
  it('the word before the cursor', () => {
    assert.deepEqual(wordBefore('see CHK-1', 9), { start: 4, text: 'CHK-1' });
    assert.deepEqual(wordBefore('see ', 4), { start: 4, text: '' });
  });
  it('commit message places: text, a trailer line, a trailer value', () => {
    assert.equal(messagePlace(['Fix the cart CH'], 13), 'text');
    assert.equal(messagePlace(['Fix the cart', '', 'CH'], 0), 'trailer-line');
    assert.equal(messagePlace(['Fix', '', 'Body text', '', 'Signed-off-by: A <a@b>', 'CH'], 0), 'trailer-line');
    assert.equal(messagePlace(['Fix', '', 'Body text', 'CH'], 0), 'text');
    assert.equal(messagePlace(['Fix', '', 'Roadmap: CH'], 9), 'trailer-value');
    assert.equal(messagePlace(['Fix', '', 'Refs: A-1, CH'], 11, ['Roadmap', 'Refs']), 'trailer-value');
    assert.equal(messagePlace(['CH'], 0), 'text');
  });
  it('YAML values that take ids, kinds, statuses and branches; not titles or keys', () => {
    assert.equal(yamlValueKey(['  parent: CH'], 10), 'parent');
    assert.equal(yamlValueKey(['    kind: fe'], 10), 'kind');
    assert.equal(yamlValueKey(['    status: '], 12), 'status');
    assert.equal(yamlValueKey(['    branches: [a, '], 19), 'branches');
    assert.equal(yamlValueKey(['    branches:', '      - fe'], 8), 'branches');
    assert.equal(yamlValueKey(['    title: Ch'], 11), undefined);
    assert.equal(yamlValueKey(['    why: # CH'], 11), undefined);
    assert.equal(yamlValueKey(['    refs:', '      - CH'], 8), undefined);
  });
});

describe('language: ranking items', () => {
  const parsed = parseRoadmapFile('file:///r.yaml', ROADMAP);
  const candidates = completionCandidates(parsed.items);
  const ids = (word: string, current?: string): string[] =>
    rankItems(candidates, word, current).ranked.map((r) => r.item.id);
  it('current item first, then id prefix, ref, title words', () => {
    assert.deepEqual(ids('', 'CHK-14'), ['CHK-14', 'CHK', 'CHK-12']);
    assert.deepEqual(ids('chk-1'), ['CHK-12', 'CHK-14']);
    assert.deepEqual(ids('pay'), ['CHK-12']);
    assert.deepEqual(ids('reord'), ['CHK-12']);
    assert.deepEqual(ids('zzz'), []);
  });
  it('returns at most the limit and says so', () => {
    const r = rankItems(candidates, '', undefined, 2);
    assert.equal(r.ranked.length, 2);
    assert.equal(r.incomplete, true);
  });
});

describe('language: rename in a roadmap file', () => {
  it('renames the id and parent references, keeps quoting and comments, adds the old id to refs', () => {
    const r = renameInRoadmapText(ROADMAP, 'chk', 'CO');
    assert.ok(r.ok);
    assert.equal(r.definesItem, true);
    const out = applyTextEdits(ROADMAP, r.edits);
    assert.match(out, /- id: CO {12}# the epic\n/);
    assert.match(out, /parent: CO\n/);
    assert.match(out, /refs: \["CHK"\]/);
    assert.doesNotMatch(out, /CHK-14\b.*CO/);
    const reparsed = parseRoadmapFile('file:///r.yaml', out);
    assert.deepEqual(
      reparsed.diagnostics.filter((d) => d.severity === 'error'),
      [],
    );
    assert.equal(reparsed.items.find((i) => i.id === 'CO')?.aliases.join(), 'CHK');
  });
  it('keeps quotes on a quoted id and extends an existing refs list', () => {
    const r = renameInRoadmapText(ROADMAP, 'CHK-12', 'CHK-20');
    assert.ok(r.ok);
    const out = applyTextEdits(ROADMAP, r.edits);
    assert.match(out, /- id: "CHK-20"\n/);
    assert.match(out, /refs: \[PAY-881, CHK-12\]/);
  });
  it('refuses invalid ids and broken files', () => {
    assert.equal(renameInRoadmapText(ROADMAP, 'CHK', 'a b').ok, false);
    assert.equal(renameInRoadmapText('items: [', 'CHK', 'X').ok, false);
  });
  it('a file that only names the item as a parent gets the parent edit', () => {
    const other = 'items:\n  - id: X\n    parent: CHK\n    title: x\n';
    const r = renameInRoadmapText(other, 'CHK', 'CO');
    assert.ok(r.ok);
    assert.equal(r.definesItem, false);
    assert.equal(applyTextEdits(other, r.edits), other.replace('parent: CHK', 'parent: CO'));
  });
});

describe('language: outline, quick fixes, insertions', () => {
  it('nests children only inside their parent’s mapping', () => {
    const outline = roadmapOutline(parseRoadmapFile('file:///r.yaml', ROADMAP).items);
    assert.deepEqual(
      outline.map((n) => [n.item.id, n.children.map((c) => c.item.id)]),
      [
        ['CHK', ['CHK-14']],
        ['CHK-12', []],
      ],
    );
  });
  it('free ids, suggestions, closest ids, next child ids', () => {
    const taken = new Set(['CHK-12', 'CHK-13']);
    assert.equal(
      freeId('CHK-12', (c) => taken.has(c)),
      'CHK-14',
    );
    assert.equal(
      freeId('CHK', () => false),
      'CHK-2',
    );
    assert.equal(
      freeId('A-009', () => false),
      'A-010',
    );
    assert.equal(suggestionIn('Unknown key `ownr` in an item. Did you mean `owner`?'), 'owner');
    assert.equal(closestId('CHK-21', ['CHK-12', 'SRCH']), 'CHK-12');
    assert.equal(closestId('ZZZZZZ', ['CHK-12']), undefined);
    assert.equal(nextChildId('CHK', ['CHK', 'CHK-12', 'CHK-14', 'SRCH-3']), 'CHK-15');
    assert.equal(nextChildId(undefined, []), 'ITEM-1');
  });
  it('a why stub after the title, at the key column, cursor inside', () => {
    const text = 'items:\n  - id: A\n    kind: epic\n    title: Alpha\n    status: planned\n';
    const stub = insertWhyStub(text, text.indexOf('A\n'));
    assert.ok(stub);
    const out = applyTextEdits(text, [stub.edit]);
    assert.equal(out, 'items:\n  - id: A\n    kind: epic\n    title: Alpha\n    why: \n    status: planned\n');
    assert.equal(out.slice(stub.cursor, stub.cursor + 1), '\n');
    assert.equal(out.slice(stub.cursor - 5, stub.cursor), 'why: ');
  });
  it('appends an item to the top-level list, quoting where needed, keeping CRLF', () => {
    const edit = appendItem(ROADMAP, {
      id: 'CHK-15',
      title: 'Retry: on 503',
      why: 'Payments fail',
      kind: 'feature',
      parent: 'CHK',
    });
    assert.ok(edit);
    const out = applyTextEdits(ROADMAP, [edit]);
    assert.ok(out.startsWith(ROADMAP.trimEnd()));
    const item = parseRoadmapFile('file:///r.yaml', out).items.find((i) => i.id === 'CHK-15');
    assert.equal(item?.title, 'Retry: on 503');
    assert.equal(item?.parentId, 'CHK');
    assert.equal(item?.why, 'Payments fail');
    const crlf = ROADMAP.replace(/\n/g, '\r\n');
    const e2 = appendItem(crlf, { id: 'X', title: 'x', kind: 'feature' });
    assert.ok(e2);
    assert.ok(!/[^\r]\n/.test(applyTextEdits(crlf, [e2])));
    assert.equal(appendItem('version: 1\n', { id: 'X', title: 'x', kind: 'feature' }), undefined);
  });
});

describe('language: TODO comments', () => {
  const t = ['TODO', 'FIXME', 'HACK'];
  it('whole words only', () => {
    assert.equal(findTodo(' TODO: retry on 503', t)?.text, 'retry on 503');
    assert.equal(findTodo(' TODONOW retry', t), undefined);
    assert.equal(findTodo(' xTODO retry', t), undefined);
    assert.equal(findTodo(' todos', t), undefined);
    assert.equal(findTodo(' FIXME(dana): flaky */', t)?.text, 'flaky');
    assert.equal(findTodo(' HACK', t)?.text, '');
  });
  it('titles from comment text', () => {
    assert.equal(titleFrom('retry on 503.'), 'Retry on 503');
  });
});

describe('language: commit hook messages', () => {
  const matcher = new ReferenceMatcher([
    { id: 'CHK-12', aliases: ['PAY-881'] },
    { id: 'SRCH-3', aliases: [] },
  ]);
  const names = (text: string): boolean => matcher.findAll(text).length > 0;
  it('adds the trailer when the message names no item, keeps git comments below', () => {
    const d = prepareMessage('Fix cart\n\n# Please enter the commit message\n# On branch x\n', 'SRCH-3', names);
    assert.equal(d.kind, 'changed');
    assert.equal(
      d.kind === 'changed' && d.message,
      'Fix cart\n\nRoadmap: SRCH-3\n\n# Please enter the commit message\n# On branch x\n',
    );
  });
  it('never twice; not when an item or ref is named; not without a current item', () => {
    assert.deepEqual(prepareMessage('Fix\n\nRoadmap: SRCH-3\n', 'SRCH-3', names), {
      kind: 'unchanged',
      reason: 'names-item',
    });
    assert.equal(prepareMessage("Merge branch 'feature/chk-12-x'\n", 'SRCH-3', names).kind, 'unchanged');
    assert.equal(prepareMessage('Split charge (PAY-881)\n', 'SRCH-3', names).kind, 'unchanged');
    assert.deepEqual(prepareMessage('Fix\n', undefined, names), { kind: 'unchanged', reason: 'no-current-item' });
    // A mention inside git's comment lines does not count.
    assert.equal(prepareMessage('Fix\n# On branch feature/srch-3-x\n', 'SRCH-3', names).kind, 'changed');
  });
  it('an empty message gets the trailer below an empty subject and a note on aborting', () => {
    const d = prepareMessage('\n# Please enter\n', 'SRCH-3', names);
    assert.ok(d.kind === 'changed');
    assert.match(d.message, /^\n\nRoadmap: SRCH-3\n# Roadmap Lens added/);
  });
  it('the script is recognisable, quotes paths and chains the previous hook', () => {
    const s = hookScript('/opt/my node/node', "/x/it's/cli.js");
    assert.ok(isOurHook(s));
    assert.ok(!isOurHook('#!/bin/sh\necho hi\n'));
    assert.match(s, /'\/opt\/my node\/node' '\/x\/it'\\''s\/cli.js' hook run "\$@"/);
    assert.match(s, /prepare-commit-msg\.roadmap-lens-previous/);
    assert.equal(messageContent('a\n# c\nb\n# ------------------------ >8 ------------------------\nd'), 'a\nb');
  });
});
