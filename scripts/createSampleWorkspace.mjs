#!/usr/bin/env node
// Creates the sample workspace used by the demo and by the extension-host / UI tests:
// a roadmap for a fictional shop, a small TypeScript source tree and a git repository with a
// deterministic history (fixed authors and dates, so commit hashes are the same on every run).
//
// Usage: node scripts/createSampleWorkspace.mjs DIR   (DIR must not exist or be empty)
//
// Ids in the sample roadmap (tests may rely on these; keep them stable):
//   roadmap.yaml (product "Acme Shop")
//     GROW      goal        "Grow repeat purchases"            metrics, status, owner, target, links
//       RET     initiative  "Make reordering effortless"
//         CHK   epic        "Frictionless checkout"            branches checkout/*, paths src/checkout/**,
//                                                              refs PAY-881 and #1234
//           CHK-14 feature  "Saved carts"                      (nested under CHK)
//     CHK-12    feature     "One-click reorder"                parent: CHK (same file, top level)
//     FIND      goal        "Help shoppers find what they want"
//       DISC    initiative  "Better product discovery"
//         SRCH  epic        "Search that forgives typos"       branches search/*, paths src/search/**
//           SRCH-3 feature  "Typo-tolerant search"             refs SHOP-311
//           SRCH-7 feature  "Search filters"                   NO `why`: the deliberate warning
//   roadmap/payments.yaml
//     CHK-15    feature     "Express pay"                      parent: CHK (across files),
//                                                              branches checkout/express-pay
//
// Git history (16 commits on all branches, authors Dana/Lee/Sam, dates from 2026-01-05):
//   main: skeleton, roadmap, "CHK: cart model...", "Add search query normalisation" (trailer
//     `Roadmap: SRCH-3`), "SRCH-3: fuzzy matching...", "Fix typo in README" (no reference),
//     "Split charge logic out of the cart (PAY-881)",
//     "Merge branch 'feature/chk-12-reorder'" (2 commits "CHK-12: ..."), payments roadmap file,
//     "SRCH-7: filter scaffolding"
//   branches left behind: checkout/express-pay, feature/chk-14-saved-carts, spike/no-ticket
//   current branch: feature/srch-3-typo-tolerance (one commit ahead of main, trailer Roadmap: SRCH-3)
//
// Files with ids in them (for hovers/links): src/checkout/cart.ts (CHK-12, CHK-14),
// src/checkout/payment.ts (PAY-881, CHK-15), src/search/query.ts (SRCH-3), docs/notes.md (CHK-12, #1234, SHOP-311).

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SAMPLE_PRODUCT = 'Acme Shop';
export const SAMPLE_ITEM_IDS = [
  'GROW',
  'RET',
  'CHK',
  'CHK-14',
  'CHK-12',
  'FIND',
  'DISC',
  'SRCH',
  'SRCH-3',
  'SRCH-7',
  'CHK-15',
];
export const SAMPLE_CURRENT_BRANCH = 'feature/srch-3-typo-tolerance';

const ROADMAP = `# Acme Shop roadmap: why we build what we build.
version: 1
product: Acme Shop
items:
  - id: GROW
    kind: goal
    title: Grow repeat purchases
    why: >
      Returning customers bring 60% of revenue, yet 70% never place a second order.
    metrics:
      - name: 90-day repeat purchase rate
        baseline: 18%
        target: 30%
    status: in-progress
    owner: growth-team
    target: 2026-Q3
    links: [https://example.com/specs/grow]
    items:
      - id: RET
        kind: initiative
        title: Make reordering effortless
        why: Shoppers who buy the same things every week drop off when reordering takes many steps.
        metrics:
          - name: Median time to reorder
            baseline: 4m 10s
            target: 30s
        status: in-progress
        owner: growth-team
        target: 2026-Q2
        items:
          - id: CHK
            kind: epic
            title: Frictionless checkout
            why: Shoppers who reorder weekly rebuild their cart by hand every time.
            metrics:
              - name: Checkout abandonment
                baseline: 41%
                target: 25%
            status: in-progress
            owner: checkout-team
            target: 2026-Q2
            links: [https://example.com/specs/checkout]
            branches: ["checkout/*"]
            paths: ["src/checkout/**"]
            refs: [PAY-881, "#1234"]
            items:
              - id: CHK-14
                kind: feature
                title: Saved carts
                why: Shoppers planning a big order lose their cart when they switch devices.
                status: planned
                owner: checkout-team
                target: 2026-Q3
  - id: CHK-12
    parent: CHK
    kind: feature
    title: One-click reorder
    why: Weekly grocery shoppers must rebuild the same cart every week.
    metrics:
      - name: Reorders per active customer per month
        baseline: "0.4"
        target: "1.5"
    status: shipped
    owner: checkout-team
    target: 2026-03
    links: [https://example.com/specs/reorder]
    branches: ["feature/chk-12-*"]
  - id: FIND
    kind: goal
    title: Help shoppers find what they want
    why: One search in four ends with no result, and most of those shoppers leave.
    metrics:
      - name: Searches with zero results
        baseline: 24%
        target: 8%
    status: in-progress
    owner: discovery-team
    target: 2026-Q4
    items:
      - id: DISC
        kind: initiative
        title: Better product discovery
        why: Shoppers give up when the catalogue speaks a different language than they do.
        status: in-progress
        owner: discovery-team
        items:
          - id: SRCH
            kind: epic
            title: Search that forgives typos
            why: Shoppers on phones mistype product names and get nothing back.
            status: in-progress
            owner: discovery-team
            target: 2026-Q3
            branches: ["search/*"]
            paths: ["src/search/**"]
            items:
              - id: SRCH-3
                kind: feature
                title: Typo-tolerant search
                why: '"bananna" should still find bananas.'
                metrics:
                  - name: Zero-result searches caused by typos
                    baseline: 11%
                    target: 2%
                status: in-progress
                owner: discovery-team
                refs: [SHOP-311]
              - id: SRCH-7
                kind: feature
                title: Search filters
                status: planned
                owner: discovery-team
                target: 2026-Q4
`;

const PAYMENTS = `# Payments work lives in its own file; items attach to the main roadmap with parent:.
version: 1
items:
  - id: CHK-15
    parent: CHK
    kind: feature
    title: Express pay
    why: Mobile shoppers abandon checkout when they have to type a card number.
    metrics:
      - name: Mobile checkout conversion
        baseline: 2.1%
        target: 3.5%
    status: in-progress
    owner: payments-team
    target: 2026-Q2
    branches: ["checkout/express-pay"]
    paths: ["src/checkout/payment.ts"]
`;

const README = `# Acme Shop

The storefront of Acme Shop: cart, checkout and search.

- \`src/checkout/\`: cart and payment
- \`src/search/\`: product search

Product intent lives in \`roadmap.yaml\` and \`roadmap/*.yaml\`.
`;

const README_TYPO = README.replace('The storefront', 'The web storefront');

const CART_V1 = `// Shopping cart for Acme Shop (CHK).

export interface CartLine {
  readonly sku: string;
  readonly quantity: number;
  readonly unitPriceCents: number;
}

export interface Cart {
  readonly lines: readonly CartLine[];
}

export function emptyCart(): Cart {
  return { lines: [] };
}

export function addItem(cart: Cart, line: CartLine): Cart {
  const existing = cart.lines.find((l) => l.sku === line.sku);
  if (!existing) return { lines: [...cart.lines, line] };
  return {
    lines: cart.lines.map((l) => (l.sku === line.sku ? { ...l, quantity: l.quantity + line.quantity } : l)),
  };
}

export function removeItem(cart: Cart, sku: string): Cart {
  return { lines: cart.lines.filter((l) => l.sku !== sku) };
}

export function cartTotal(cart: Cart): number {
  return cart.lines.reduce((sum, l) => sum + l.quantity * l.unitPriceCents, 0);
}
`;

const CART_REORDER = `${CART_V1}
// CHK-12: one-click reorder puts the last order back into the cart.
export function reorderLastCart(previous: Cart): Cart {
  return { lines: previous.lines.map((l) => ({ ...l })) };
}
`;

const CART_REORDER_QTY = CART_REORDER.replace(
  'return { lines: previous.lines.map((l) => ({ ...l })) };',
  '// Quantities are kept: weekly shoppers buy the same amounts.\n  return { lines: previous.lines.filter((l) => l.quantity > 0).map((l) => ({ ...l })) };',
);

const CART_SAVED = `${CART_REORDER_QTY}
// CHK-14: saved carts survive a device switch.
export function saveCart(cart: Cart, store: Map<string, Cart>, customerId: string): void {
  store.set(customerId, cart);
}
`;

const PAYMENT_V1 = `// Payment for a checked-out cart. Charge logic moved out of the cart for PAY-881.
import { cartTotal, type Cart } from './cart';

export interface Charge {
  readonly amountCents: number;
  readonly method: 'card' | 'wallet';
}

export function chargeFor(cart: Cart): Charge {
  return { amountCents: cartTotal(cart), method: 'card' };
}
`;

const PAYMENT_EXPRESS = `${PAYMENT_V1}
// CHK-15: express pay skips the card form with a wallet token.
export function expressPay(cart: Cart, walletToken: string): Charge {
  if (walletToken.length === 0) throw new Error('wallet token required');
  return { amountCents: cartTotal(cart), method: 'wallet' };
}
`;

const QUERY_V1 = `// Search query handling.

export function normalizeQuery(query: string): string {
  return query.trim().toLowerCase().replace(/\\s+/g, ' ');
}
`;

const QUERY_FUZZY = `${QUERY_V1}
// SRCH-3: typo-tolerant matching, so "bananna" still finds bananas.
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

export function fuzzyMatch(query: string, name: string): boolean {
  const q = normalizeQuery(query);
  const n = normalizeQuery(name);
  return n.includes(q) || editDistance(q, n) <= Math.max(1, Math.floor(q.length / 4));
}
`;

const QUERY_TRANSPOSE = QUERY_FUZZY.replace(
  'export function fuzzyMatch',
  '// Swapped neighbours ("bnanana") count as one typo.\nexport function isTransposition(a: string, b: string): boolean {\n  if (a.length !== b.length) return false;\n  const diff = [...a].map((c, i) => (c === b[i] ? -1 : i)).filter((i) => i >= 0);\n  return diff.length === 2 && diff[1] === diff[0]! + 1 && a[diff[0]!] === b[diff[1]!];\n}\n\nexport function fuzzyMatch',
);

const FILTERS = `// SRCH-7: filters narrow search results by price and category.
export interface Filters {
  readonly maxPriceCents?: number;
  readonly category?: string;
}

export interface Product {
  readonly name: string;
  readonly category: string;
  readonly priceCents: number;
}

export function applyFilters(products: readonly Product[], filters: Filters): Product[] {
  return products.filter(
    (p) =>
      (filters.maxPriceCents === undefined || p.priceCents <= filters.maxPriceCents) &&
      (filters.category === undefined || p.category === filters.category),
  );
}
`;

const PRICE_SPIKE = `// Trying Intl for prices instead of hand-formatting.
export function formatPrice(cents: number): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(cents / 100);
}
`;

const NOTES = `# Team notes

- CHK-12 shipped in March; support asked about quantities (see #1234).
- SHOP-311 is the tracker key for typo-tolerant search.
- PAY-881: charge logic lives in \`src/checkout/payment.ts\` now.
`;

const PACKAGE_JSON = `${JSON.stringify({ name: 'acme-shop', version: '1.0.0', private: true, type: 'module' }, null, 2)}\n`;

const AUTHORS = {
  dana: { name: 'Dana Product', email: 'dana@acme.example' },
  lee: { name: 'Lee Engineer', email: 'lee@acme.example' },
  sam: { name: 'Sam Developer', email: 'sam@acme.example' },
};

/**
 * The history, in order. `files` are written before the commit (null deletes);
 * `branch` switches (creating from `from` when given); `merge` makes a --no-ff merge commit.
 */
const STEPS = [
  { author: 'dana', message: 'Initial shop skeleton', files: { 'README.md': README, 'package.json': PACKAGE_JSON } },
  { author: 'dana', message: 'Add the Acme Shop roadmap', files: { 'roadmap.yaml': ROADMAP } },
  { author: 'lee', message: 'CHK: cart model with add and remove', files: { 'src/checkout/cart.ts': CART_V1 } },
  {
    author: 'sam',
    message: 'Add search query normalisation\n\nFirst step towards typo-tolerant search.\n\nRoadmap: SRCH-3',
    files: { 'src/search/query.ts': QUERY_V1 },
  },
  { author: 'sam', message: 'SRCH-3: fuzzy matching for typos', files: { 'src/search/query.ts': QUERY_FUZZY } },
  { author: 'dana', message: 'Fix typo in README', files: { 'README.md': README_TYPO } },
  { branch: 'feature/chk-12-reorder', from: 'main' },
  {
    author: 'lee',
    message: 'CHK-12: reorder the last cart in one click',
    files: { 'src/checkout/cart.ts': CART_REORDER },
  },
  {
    author: 'lee',
    message: 'CHK-12: keep quantities when reordering',
    files: { 'src/checkout/cart.ts': CART_REORDER_QTY },
  },
  { branch: 'main' },
  {
    author: 'sam',
    message: 'Split charge logic out of the cart (PAY-881)',
    files: { 'src/checkout/payment.ts': PAYMENT_V1 },
  },
  { author: 'lee', merge: 'feature/chk-12-reorder' },
  {
    author: 'dana',
    message: 'Add payments roadmap file',
    files: { 'roadmap/payments.yaml': PAYMENTS, 'docs/notes.md': NOTES },
  },
  { author: 'sam', message: 'SRCH-7: filter scaffolding', files: { 'src/search/filters.ts': FILTERS } },
  { branch: 'checkout/express-pay', from: 'main' },
  {
    author: 'lee',
    message: 'Express pay with a wallet token\n\nRefs: #1234',
    files: { 'src/checkout/payment.ts': PAYMENT_EXPRESS },
  },
  { branch: 'feature/chk-14-saved-carts', from: 'main' },
  { author: 'sam', message: 'CHK-14: save the cart for later', files: { 'src/checkout/cart.ts': CART_SAVED } },
  { branch: 'spike/no-ticket', from: 'main' },
  { author: 'sam', message: 'Try Intl for price formatting', files: { 'src/checkout/price.ts': PRICE_SPIKE } },
  { branch: SAMPLE_CURRENT_BRANCH, from: 'main' },
  {
    author: 'sam',
    message: 'Treat swapped letters as one typo\n\nRoadmap: SRCH-3',
    files: { 'src/search/query.ts': QUERY_TRANSPOSE },
  },
];

const START = Date.UTC(2026, 0, 5, 9, 0, 0);
const HOURS_BETWEEN_COMMITS = 26;

function git(cwd, args, env = {}) {
  // Isolated from the machine's git config: same result everywhere, no signing prompts.
  const result = spawnSync(
    'git',
    [
      '-c',
      'user.name=Acme Bot',
      '-c',
      'user.email=bot@acme.example',
      '-c',
      'commit.gpgsign=false',
      '-c',
      'core.autocrlf=false',
      ...args,
    ],
    {
      cwd,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_CONFIG_GLOBAL: '/dev/null',
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_TERMINAL_PROMPT: '0',
        ...env,
      },
    },
  );
  if (result.error) throw new Error(`git ${args.join(' ')} could not start: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return result.stdout;
}

function writeFiles(dir, files) {
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  }
}

/**
 * Creates the sample workspace in `dir` (created if missing; must be empty if it exists).
 * @param {string} dir
 * @returns {{ dir: string, currentBranch: string, commits: number, itemIds: string[] }}
 */
export function createSampleWorkspace(dir) {
  const abs = path.resolve(dir);
  if (fs.existsSync(abs) && fs.readdirSync(abs).length > 0) {
    throw new Error(`createSampleWorkspace: ${abs} exists and is not empty`);
  }
  fs.mkdirSync(abs, { recursive: true });
  git(abs, ['-c', 'init.defaultBranch=main', 'init', '-q']);

  let commits = 0;
  for (const step of STEPS) {
    if (step.branch) {
      const exists = git(abs, ['branch', '--list', step.branch]).trim() !== '';
      if (exists) git(abs, ['checkout', '-q', step.branch]);
      else git(abs, ['checkout', '-q', '-b', step.branch, step.from ?? 'HEAD']);
      continue;
    }
    const author = AUTHORS[step.author];
    const date = new Date(START + commits * HOURS_BETWEEN_COMMITS * 3600_000).toISOString().replace('.000Z', 'Z');
    const env = {
      GIT_AUTHOR_NAME: author.name,
      GIT_AUTHOR_EMAIL: author.email,
      GIT_COMMITTER_NAME: author.name,
      GIT_COMMITTER_EMAIL: author.email,
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_DATE: date,
    };
    if (step.merge) {
      git(abs, ['merge', '-q', '--no-ff', '-m', `Merge branch '${step.merge}'`, step.merge], env);
    } else {
      writeFiles(abs, step.files);
      git(abs, ['add', '-A']);
      git(abs, ['commit', '-q', '-m', step.message], env);
    }
    commits++;
  }
  return { dir: abs, currentBranch: SAMPLE_CURRENT_BRANCH, commits, itemIds: [...SAMPLE_ITEM_IDS] };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const target = process.argv[2];
  if (!target) {
    console.error('usage: node scripts/createSampleWorkspace.mjs DIR');
    process.exit(2);
  }
  try {
    const result = createSampleWorkspace(target);
    console.log(
      `Sample workspace created in ${result.dir} (${result.commits} commits, on branch ${result.currentBranch})`,
    );
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  }
}
