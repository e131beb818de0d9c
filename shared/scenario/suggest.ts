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

/** What an actor is called, for matching a name written where its id belongs. */
export interface ActorNames {
  name: string;
  short?: string;
  demonym?: string;
}

/**
 * The hint for an unknown actor: its id when the author wrote its name ("China" for CHN), a
 * close id, and for short codes a looser match (JAP for JPN: same first letter, two edits, the
 * only such id), since country codes are guessed more than misspelt. Other `words` (self,
 * target, ...) are suggested only by the ordinary typo rule.
 */
export function actorHint(word: string, actors: Readonly<Record<string, ActorNames>>, ids: Iterable<string>, words: readonly string[] = []): string {
  const lower = word.toLowerCase();
  const named = Object.entries(actors).find(([, a]) => [a.name, a.short, a.demonym].some((n) => n?.toLowerCase() === lower));
  if (named) return ` "${word}" is the name of ${named[0]}: write its id, "${named[0]}".`;
  const all = [...ids];
  const near = closest(word, [...all, ...words]);
  if (near !== undefined) return ` Did you mean "${near}"?`;
  if (word.length <= 4) {
    const loose = all.filter((id) => id[0]?.toLowerCase() === lower[0] && editDistance(word, id) <= 2);
    if (loose.length === 1) return ` Did you mean "${loose[0]}"?`;
  }
  const byName = Object.entries(actors).find(([, a]) => [a.name, a.short].some((n) => n !== undefined && closest(word, [n]) !== undefined));
  return byName ? ` Did you mean "${byName[0]}" (${byName[1].name})?` : "";
}

/** A short human list: "a, b, c" or "a, b, c and 12 more". */
export function listOf(items: readonly string[], max = 12): string {
  if (items.length === 0) return "(none)";
  if (items.length <= max) return items.join(", ");
  return `${items.slice(0, max).join(", ")} and ${items.length - max} more`;
}
