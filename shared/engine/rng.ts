// The game's seeded random stream. Its four-word state lives in GameState.rng, so resolving a turn
// stays a pure function of the state: same state in, same draws out. Never Math.random.

/** Four 32-bit words derived from a seed string (cyrb128), the starting state of the stream. */
export function seedState(seed: string): [number, number, number, number] {
  let h1 = 1779033703,
    h2 = 3144134277,
    h3 = 1013904242,
    h4 = 2773480762;
  for (let i = 0; i < seed.length; i++) {
    const k = seed.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  const s: [number, number, number, number] = [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
  // sfc32 needs a few rounds to mix a weak seed.
  for (let i = 0; i < 12; i++) nextFloat(s);
  return s;
}

/** The next number in [0, 1) from an sfc32 stream; advances `s` in place. */
export function nextFloat(s: number[]): number {
  let a = s[0]! | 0,
    b = s[1]! | 0,
    c = s[2]! | 0,
    d = s[3]! | 0;
  const t = (((a + b) | 0) + d) | 0;
  d = (d + 1) | 0;
  a = b ^ (b >>> 9);
  b = (c + (c << 3)) | 0;
  c = (c << 21) | (c >>> 11);
  c = (c + t) | 0;
  s[0] = a >>> 0;
  s[1] = b >>> 0;
  s[2] = c >>> 0;
  s[3] = d >>> 0;
  return (t >>> 0) / 4294967296;
}

/** True with probability p (clamped to 0..1); a certain outcome draws nothing, so the stream only moves on real dice. */
export function roll(s: number[], p: number): boolean {
  if (p <= 0) return false;
  if (p >= 1) return true;
  return nextFloat(s) < p;
}

/** A 32-bit hash of a string, to derive side streams (e.g. a bot's own dice) from the game's state. */
export function hash32(text: string, seed = 0): number {
  let h = 2166136261 ^ seed;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}
