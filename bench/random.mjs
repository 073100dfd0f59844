// Deterministic pseudo-random numbers for input generation: the same seed gives byte-identical
// inputs on every machine, so results from two runs compare the same work.

/** mulberry32: small, fast, good enough for picking words. */
export function makeRandom(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
  };
}

export const WORDS = {
  verbs: ['add', 'fix', 'refactor', 'speed up', 'simplify', 'harden', 'remove', 'rename', 'extract', 'cache', 'validate', 'log', 'document', 'test', 'migrate'],
  nouns: ['checkout flow', 'cart totals', 'payment retry', 'search ranking', 'address form', 'shipping quote', 'inventory sync', 'price rules', 'order history', 'email digest', 'login throttle', 'session store', 'coupon engine', 'tax lookup', 'product feed', 'refund path', 'wishlist', 'review widget', 'stock alerts', 'delivery slots'],
  customers: ['Weekly grocery shoppers', 'First-time buyers', 'Returning customers', 'Small business buyers', 'Mobile shoppers', 'Support agents', 'Warehouse staff', 'Marketplace sellers', 'Gift buyers', 'Subscribers'],
  pains: ['rebuild the same cart by hand every week', 'abandon checkout when the card form resets', 'cannot find products they bought before', 'wait too long for a delivery estimate', 'get charged twice when the network drops', 'miss restock alerts for their favourite items', 'have to call support to change an address', 'see prices that change between cart and payment', 'lose their basket when switching devices', 'cannot tell whether a coupon was applied'],
  metrics: ['conversion rate', 'repeat purchase rate', 'checkout time p50', 'support tickets per 1k orders', 'cart abandonment', 'search success rate', 'NPS', 'refund time', 'time to first order', 'weekly active buyers'],
  noise: ['Normalise UTF-8 handling in CSV import', 'Verify SHA-256 checksums of uploads', 'Parse ISO-8601 dates in the feed', 'Enable HTTP-2 for the API gateway', 'Bump eslint to 9.39', 'Update lockfile', 'Fix flaky test in CI', 'Tidy imports', 'Rewrite README intro', 'Use AES-256 for tokens at rest', 'Retry on ECONNRESET', 'Add Dockerfile healthcheck', 'Move to node 20', 'Fix typo', 'Format with prettier'],
  unicode: ['Корректировка расчёта скидки', '修复购物车合计', 'Ajout du résumé de commande', 'Überarbeitung der Suche', 'ταχύτερη αναζήτηση', '🚀 faster build'],
  wip: ['wip', 'address review comments', 'fix lint', 'more tests', 'oops', 'rename per review', 'handle empty case', 'update snapshot'],
  authors: ['Ada Lovelace', 'Grace Hopper', 'Linus Torvalds', 'Margaret Hamilton', 'Ken Thompson', 'Barbara Liskov', 'Donald Knuth', 'Frances Allen', 'Edsger Dijkstra', 'Radia Perlman', 'José Valim', 'Zoë Kravitz', 'Søren Kierkegaard', '李雷', 'Hanna Müller'],
};
