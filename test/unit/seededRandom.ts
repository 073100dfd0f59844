// The tests' small deterministic generator (a linear congruential one, as in C's rand()): the same
// sequence on every run, so a failing random case is the same case when run again.

/** `next(n)`: the next number in [0, n) of the sequence that starts at `seed`. */
export function seededRandom(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
}
