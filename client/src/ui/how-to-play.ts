// "How the game works": the rules a first-time player needs, in the help dialog. The numbers come
// from the scenario (capital per month, months), so the text never disagrees with the game; the
// rules themselves are the engine's (docs/rules.md names the test for each).
import type { Scenario } from "../../../shared/scenario/schema.ts";
import { h } from "../dom.ts";

/** The rules of play as short paragraphs, each headed by what it is about. */
export function howToPlay(sc: Pick<Scenario, "turns" | "council">): [topic: string, text: string][] {
  const { budget, count } = sc.turns;
  const council = sc.council && (sc.council.permanent.length > 0 || sc.council.elected.length > 0);
  return [
    ["A turn is a month", `The game lasts ${count} months. Everyone orders at the same time; nobody sees another country's orders until the month resolves, when every seat has locked in or the clock runs out. Orders you drafted but did not lock in are carried out as they stand.`],
    ["Political capital", `Each month you have ${budget} political capital. Every move costs some (shown beside it); an offer costs its capital when you send it, even if it is turned down. Unspent capital does not carry over.`],
    ["Offers need consent", "A deal, a treaty or a joint statement goes ahead only if the other country accepts it in Talks before the month resolves; an offer still unanswered then counts as turned down. Offers made to you show a badge on the Talks tab."],
    ...(council ? ([["The Security Council", "A draft resolution is voted on by the Council's members; it needs the votes the scenario sets, and one veto from a permanent member blocks it."]] as [string, string][]) : []),
    ["Covert moves", "A covert move is seen only by you, until it comes to light: each month it may be exposed, and the news then says who did what."],
    ["Relations fade back", "Relations run from −100 to 100. What a move does to them fades month by month: the Country tab's “Why this relation?” lists every cause still at work."],
    ["Scoring", "Each of your objectives earns its points in full when met and in part when close; the Scores tab says where each stands and what it needs. Secret objectives count for everyone at the end."],
    ["Why did this change?", "The News tab's “What changed” lists, for every number that moved, which moves, events and trends moved it and by how much; the Country tab does the same for one country."],
  ];
}

/** The help dialog's "How the game works" section. */
export function howToPlaySection(sc: Pick<Scenario, "turns" | "council">): HTMLElement {
  return h(
    "section",
    { class: "how-to-play", "aria-labelledby": "how-title" },
    h("h2", { id: "how-title" }, "How the game works"),
    h("dl", {}, howToPlay(sc).flatMap(([topic, text]) => [h("dt", {}, topic), h("dd", {}, text)])),
  );
}
