// "Did you mean X?" for unknown ids and keys, by edit distance.

/**
 * Edit distance where swapping two neighbouring letters counts as one edit ("clam" -> "calm"),
 * case-insensitive (authors mix up PRK/prk more than they mean to).
 */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) => Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[s.length]![t.length]!;
}

/** The closest candidate, if it is close enough to be a plausible typo. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  // A third of the word's length, at least 1 and at most 3 edits: close enough to be a typo.
  const limit = Math.min(3, Math.max(1, Math.floor(Math.max(word.length, 2) / 3)));
  if (best !== undefined && bestDistance <= limit) return best;
  // The same letters in another order: a code written the other way round (ROK for KOR).
  const letters = sortedLetters(word);
  for (const c of candidates) if (sortedLetters(c) === letters) return c;
  return undefined;
}

function sortedLetters(word: string): string {
  return [...word.toLowerCase()].sort().join("");
}

/** ' Did you mean "X"?' or "", ready to append to a message. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const c = closest(word, candidates);
  return c === undefined ? "" : ` Did you mean "${c}"?`;
}

/** A short human list: "a, b, c" or "a, b, c and 12 more". */
export function listOf(items: readonly string[], max = 12): string {
  if (items.length === 0) return "(none)";
  if (items.length <= max) return items.join(", ");
  return `${items.slice(0, max).join(", ")} and ${items.length - max} more`;
}
