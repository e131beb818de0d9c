// Checks shared by the tests that read generated headlines as sentences: articles that fit the
// next word, no verb right after an article, and no phrase stopping on a word that needs more.
export const ARTICLES = ["a", "an", "the"];

/** What is wrong with the articles and the last word of `text` (empty when it reads well). */
export function phraseComplaints(text: string, o: { verbs: ReadonlySet<string>; dangling: ReadonlySet<string> }): string[] {
  const out: string[] = [];
  const words = text.split(/\s+/);
  words.forEach((w, i) => {
    const next = (words[i + 1] ?? "").replace(/^[“'"]/, "");
    const lower = w.toLowerCase();
    if (ARTICLES.includes(lower) && ARTICLES.includes(next.toLowerCase())) out.push(`doubled article "${w} ${next}"`);
    if (lower === "a" && /^[aeio]/i.test(next)) out.push(`"a ${next}"`);
    if (lower === "an" && /^[^aeiouh]/i.test(next)) out.push(`"an ${next}"`);
    if (ARTICLES.includes(lower) && o.verbs.has(next.toLowerCase())) out.push(`a verb after an article: "${w} ${next}"`);
  });
  const last = (words[words.length - 1] ?? "").replace(/[”'".,]+$/, "").toLowerCase();
  if (o.dangling.has(last)) out.push(`ends on "${last}"`);
  return out;
}
