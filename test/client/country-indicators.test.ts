// The Country tab's indicators: a number with its unit as a sentence reads it, and an indicator
// whose "unit" is a definition ("× 0.7 = points of growth…") shows its description instead of a
// formula with no result ("6 × 0.7 = points of growth a year gained if trade doubles").
import { describe, expect, it } from "vitest";
import { indicatorNoteText } from "../../client/src/ui/country-panel.ts";
import { fmt, withUnit } from "../../client/src/game-info.ts";
import { loadScenario } from "./fixtures.ts";

describe("indicators on the Country tab", () => {
  const sc = loadScenario();

  it("shows trade sensitivity as a number, with what it means under its name", () => {
    const openness = sc.indicators["openness"]!;
    expect(withUnit(fmt(6), openness.unit)).toBe("6");
    expect(indicatorNoteText(openness)).toBe(openness.description);
    expect(indicatorNoteText(openness)).toMatch(/^How much this country's growth depends on its trade/);
  });

  it("keeps real units after the number and adds no note", () => {
    expect(withUnit(fmt(1200), sc.indicators["gdp"]!.unit)).toBe("US$1,200 bn");
    expect(indicatorNoteText(sc.indicators["gdp"]!)).toBeNull();
    expect(indicatorNoteText(sc.indicators["stability"]!)).toBeNull();
  });
});
