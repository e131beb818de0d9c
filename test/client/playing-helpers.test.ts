// Pure pieces of issue 9: readable labels instead of ids, bloc shades, edge-marker placement and
// the lobby's briefing summary and activity words.
import { describe, expect, it } from "vitest";
import { blocLabel, causeText, choiceLabel, choiceText, humanise, lowerFirstWord, nameInSentence, namesIn, optionHeadline, sectorText } from "../../shared/engine/text.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";
import { styleActors } from "../../client/src/map/board-model.ts";
import { placeMarkers, usableSpans } from "../../client/src/board/edge-markers.ts";
import { ago, briefingParts, briefingSummary } from "../../client/src/ui/start-screen.ts";
import { fmt, statusText, withUnit } from "../../client/src/game-info.ts";
import { loadScenario } from "./fixtures.ts";

const scenario = loadScenario();

describe("no ids reach players", () => {
  it("labels parameter choices from the scenario, with a readable fallback", () => {
    expect(choiceLabel(scenario, "theme", "peace_on_the_peninsula", "joint_statement")).toBe("Peace on the peninsula");
    expect(choiceText(scenario, "kind", "mutual_assistance", "sign_treaty")).toBe("mutual-assistance");
    expect(choiceLabel(scenario, "partner", "RUS", "secondary_sanctions")).toBe("Russia");
    expect(choiceText(scenario, "partner", "RUS", "secondary_sanctions")).toBe("Moscow");
    expect(humanise("peace_on_the_peninsula")).toBe("peace on the peninsula");
    expect(choiceLabel(scenario, "nothing", "some_new_choice")).toBe("Some new choice");
    expect(sectorText(scenario, "technology")).toBe("technology");
    expect(blocLabel("nonaligned")).toBe("Non-aligned");
  });

  it("says hidden causes in plain words and names actors in engine reasons", () => {
    expect(causeText(scenario, { kind: "unknown", label: "Unknown causes" })).toBe("Moves you cannot see");
    expect(causeText(scenario, { kind: "move", label: "Trade deal", actor: "CHN" })).toBe("Trade deal (China)");
    expect(namesIn(scenario, "Cut tariffs cannot target CHN.")).toBe("Cut tariffs cannot target China.");
    expect(statusText("playing")).toBe("in progress");
  });

  it("heads an event decision as an answer, in a sentence, not as a label and a title in brackets", () => {
    const ev = Object.entries(scenario.events).find(([, e]) => e.options && Object.keys(e.options).length > 1)!;
    const [id, event] = ev;
    const option = Object.keys(event.options!)[0]!;
    const headline = optionHeadline(scenario, id, "CHN", option)!;
    expect(headline.startsWith("Beijing's answer to “")).toBe(true);
    expect(headline).not.toMatch(/\)$/);
    expect(lowerFirstWord("A month of growth")).toBe("a month of growth");
    expect(lowerFirstWord("UN sanctions")).toBe("UN sanctions");
  });

  it("writes numbers with a real minus sign and their unit as a sentence reads it", () => {
    expect(fmt(-93)).toBe("\u221293");
    expect(withUnit(fmt(27419), "US$ bn")).toBe("US$27,419 bn");
    expect(withUnit(fmt(3.1), "% a year")).toBe("3.1% a year");
    expect(withUnit(fmt(52), "thousands")).toBe("52 thousand");
    expect(withUnit(fmt(6), "× 0.7 = points of growth a year gained if trade doubles")).toBe("6");
  });

  it("puts 'the' before the names English writes it with, and only those", () => {
    const names = { NLD: "Netherlands", PHL: "Philippines", USA: "United States", CAF: "Central African Republic", CYP: "Cyprus", BLR: "Belarus", CHN: "China" };
    const world = { actors: Object.fromEntries(Object.entries(names).map(([id, name]) => [id, { name }])) } as unknown as Scenario;
    const inSentence = Object.keys(names).map((id) => nameInSentence(world, id));
    expect(inSentence).toEqual(["the Netherlands", "the Philippines", "the United States", "the Central African Republic", "Cyprus", "Belarus", "China"]);
  });
});

describe("bloc colouring", () => {
  it("gives North Korea its own shade, not China's colour, though both are in the same bloc", () => {
    const styles = new Map(styleActors(scenario, { relations: {} }, null, "bloc").map((a) => [a.id, a]));
    expect(scenario.actors["PRK"]?.bloc).toBe(scenario.actors["CHN"]?.bloc);
    expect(styles.get("PRK")?.colour).not.toBe(styles.get("CHN")?.colour);
    expect(styles.get("RUS")?.colour).not.toBe(styles.get("CHN")?.colour);
    // Same bloc: same pattern and glyph, so the bloc still reads without colour.
    expect(styles.get("PRK")?.pattern).toBe(styles.get("CHN")?.pattern);
  });
});

describe("edge markers", () => {
  it("puts each marker on the edge its direction leaves by, without overlaps", () => {
    const list = Array.from({ length: 8 }, (_, i) => ({ id: `A${i}`, name: `A${i}`, glyph: "○", colour: 0, dx: -1000, dy: i - 4 }));
    list.push({ id: "E", name: "E", glyph: "○", colour: 0, dx: 900, dy: 10 });
    const placed = placeMarkers(list, 800, 600, 30);
    expect(placed.filter((m) => m.edge === "left")).toHaveLength(8);
    expect(placed.find((m) => m.id === "E")?.edge).toBe("right");
    const ys = placed.filter((m) => m.edge === "left").map((m) => m.at).sort((a, b) => a - b);
    for (let i = 1; i < ys.length; i++) expect(ys[i]! - ys[i - 1]!).toBeGreaterThanOrEqual(30 - 1e-9);
    expect(Math.min(...ys)).toBeGreaterThanOrEqual(15);
    expect(Math.max(...ys)).toBeLessThanOrEqual(600 - 15);
  });

  it("keeps them within the part of an edge no overlay covers (above the map key)", () => {
    const list = Array.from({ length: 5 }, (_, i) => ({ id: `R${i}`, name: `R${i}`, glyph: "○", colour: 0, dx: 1000, dy: 50 + i * 40 }));
    const free = placeMarkers(list, 800, 600, 30);
    expect(Math.max(...free.map((m) => m.at))).toBeGreaterThan(400);
    const placed = placeMarkers(list, 800, 600, 30, { right: { start: 0, end: 400 } });
    const ys = placed.map((m) => m.at).sort((a, b) => a - b);
    expect(placed.every((m) => m.edge === "right")).toBe(true);
    expect(Math.max(...ys)).toBeLessThanOrEqual(400 - 15);
    for (let i = 1; i < ys.length; i++) expect(ys[i]! - ys[i - 1]!).toBeGreaterThanOrEqual(30 - 1e-9);
  });
});

describe("edge markers along the top and the bottom", () => {
  // Europe seen from the Red Sea: five markers about 100 px wide, all leaving by the top.
  const top = ["France", "United Kingdom", "Switzerland", "Slovenia", "European Union"].map((name, i) => ({ id: `T${i}`, name, glyph: "○", colour: 0, dx: -300 + i * 5, dy: -1000, length: 90 + i * 10 }));

  it("spaces them by their widths, not by a side marker's height, inside the edge", () => {
    const placed = placeMarkers(top, 800, 600, 30);
    const row = placed.filter((m) => m.edge === "top").sort((a, b) => a.at - b.at);
    expect(row).toHaveLength(5);
    for (let i = 1; i < row.length; i++) expect(row[i]!.at - row[i - 1]!.at).toBeGreaterThanOrEqual((row[i]!.length! + row[i - 1]!.length!) / 2);
    expect(row[0]!.at - row[0]!.length! / 2).toBeGreaterThanOrEqual(0);
    expect(row.at(-1)!.at + row.at(-1)!.length! / 2).toBeLessThanOrEqual(800);
    expect(row.every((m) => !m.crowded)).toBe(true);
  });

  it("leaves the corners to the top row: a side edge's markers start below it", () => {
    const side = { id: "L", name: "Algeria", glyph: "○", colour: 0, dx: -1000, dy: -700 };
    const alone = placeMarkers([side], 800, 600, 30)[0]!;
    expect(alone.at).toBeLessThan(38 + 15);
    const withRow = placeMarkers([side, ...top], 800, 600, 30).find((m) => m.id === "L")!;
    expect(withRow.edge).toBe("left");
    expect(withRow.at - 15).toBeGreaterThanOrEqual(usableSpans(new Set(["top"]), 800, 600, 30).left.start);
    expect(withRow.at - 15).toBeGreaterThanOrEqual(30);
  });

  it("marks an edge crowded when its markers cannot all fit, so the board folds them into one button", () => {
    const many = Array.from({ length: 10 }, (_, i) => ({ id: `M${i}`, name: `Country ${i}`, glyph: "○", colour: 0, dx: i * 10 - 50, dy: -1000, length: 120 }));
    const placed = placeMarkers([...many, { id: "R", name: "R", glyph: "○", colour: 0, dx: 1000, dy: 0 }], 800, 600, 30);
    expect(placed.filter((m) => m.edge === "top").every((m) => m.crowded)).toBe(true);
    expect(placed.find((m) => m.id === "R")?.crowded).toBe(false);
    // Within a free span (past the zoom buttons in the top-left corner) five fit where six do not.
    const five = many.slice(0, 5);
    expect(placeMarkers(five, 800, 600, 30, { top: { start: 120, end: 800 } }).every((m) => !m.crowded)).toBe(true);
    expect(placeMarkers(many.slice(0, 6), 800, 600, 30, { top: { start: 120, end: 800 } }).every((m) => m.crowded)).toBe(true);
  });
});

describe("the lobby", () => {
  it("summarises a briefing in a couple of sentences and splits the rest into its parts", () => {
    const briefing = scenario.actors["CHN"]?.briefing ?? "";
    const summary = briefingSummary(briefing);
    expect(summary.split(/\s+/).length).toBeLessThanOrEqual(45);
    expect(summary.startsWith("You are Beijing.")).toBe(true);
    expect(briefingParts(briefing).map((p) => p.label)).toEqual(["SITUATION", "INTERESTS", "CONSTRAINTS", "WHAT TO WATCH"]);
    // A short first part ends the summary: the next part's label is not a sentence of it.
    expect(briefingSummary("SITUATION. You barred chip sales in October. GOALS. Widen the lead.")).toBe("You barred chip sales in October.");
    // A decimal point is not the end of a sentence; a first sentence that says only who you are is
    // followed by the next one, cut short.
    expect(briefingSummary("You are Cairo. Suez receipts fell to $10.25 bn in 2023. More follows here.")).toBe("You are Cairo. Suez receipts fell to $10.25 bn in 2023. More follows here.");
    const tehran = briefingSummary(`You are Tehran. ${"The axis you lead reaches far, ".repeat(8)}and it fights on.`);
    expect(tehran).toMatch(/^You are Tehran\. The axis you lead reaches far, .*…$/);
    expect(tehran.split(/\s+/).length).toBeLessThanOrEqual(40);
    expect(ago(3 * 3600_000)).toBe("3 h ago");
    expect(ago(3 * 24 * 3600_000)).toBe("3 days ago");
  });
});
