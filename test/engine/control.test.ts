// Rulebook: the control cell's own changes. A custom inject changes the scenario's indicators at
// once (within their bounds) and joins the next turn's report with each change explained as the
// facilitator's; an override sets a value and must say why. Both are pure: the same call on the
// same state gives the same state, so a replay of the log repeats them.
import { describe, expect, it } from "vitest";
import { applyControl, resolveTurn, stateHash } from "../../shared/engine/api.ts";
import type { CustomInject } from "../../shared/engine/api.ts";
import { code, gameWith, ok, quiet } from "./fixtures/build.ts";

const inject: CustomInject = {
  kind: "inject",
  id: "control-1",
  headline: "Typhoon hits Aland's ports",
  text: "Shipping stops for a week.",
  changes: [
    { subject: "A.stability", by: -10 },
    { subject: "world.tension", by: 75 },
  ],
};

describe("custom inject", () => {
  it("changes indicators at once, clamped to their bounds, and the next report explains them as the facilitator's", () => {
    const { rules, state } = gameWith(quiet);
    const { state: next, entry } = ok(applyControl(rules, state, inject));
    expect(next.actors["A"]!["stability"]).toBe(50);
    expect(next.world["tension"]).toBe(100); // 40 + 75, capped at the indicator's max
    expect(state.actors["A"]!["stability"]).toBe(60); // the input is untouched
    expect(entry).toMatchObject({ kind: "inject", id: "control-1", headline: "Typhoon hits Aland's ports", visibility: "public" });
    const { report } = resolveTurn(rules, next);
    expect(report.entries.find((e) => e.id === "control-1")?.headline).toBe("Typhoon hits Aland's ports");
    const why = report.explanations.find((x) => x.subject === "A.stability");
    expect(why?.causes.some((c) => c.kind === "facilitator")).toBe(true);
  });

  it("is deterministic: the same inject on the same state gives the same state", () => {
    const { rules, state } = gameWith(quiet);
    expect(stateHash(ok(applyControl(rules, state, inject)).state)).toBe(stateHash(ok(applyControl(rules, state, inject)).state));
  });

  it("refuses unknown indicators, actors and missing numbers", () => {
    const { rules, state } = gameWith(quiet);
    expect(code(applyControl(rules, state, { ...inject, changes: [{ subject: "A.morale", by: 1 }] }))).toBe("control/unknown_indicator");
    expect(code(applyControl(rules, state, { ...inject, changes: [{ subject: "Z.stability", by: 1 }] }))).toBe("control/unknown_indicator");
    expect(code(applyControl(rules, state, { ...inject, changes: [{ subject: "world.tension" }] }))).toBe("control/bad_value");
    expect(code(applyControl(rules, state, { ...inject, headline: " " }))).toBe("control/bad_value");
  });
});

describe("adjudication override", () => {
  it("sets a value and carries its reason; without a reason it is refused", () => {
    const { rules, state } = gameWith(quiet);
    const override: CustomInject = { kind: "override", id: "control-2", headline: "Control rules on Bland's stability", changes: [{ subject: "B.stability", to: 20 }], reason: "the coup succeeded in the room" };
    const { state: next, entry } = ok(applyControl(rules, state, override));
    expect(next.actors["B"]!["stability"]).toBe(20);
    expect(entry.text).toContain("the coup succeeded in the room");
    expect(code(applyControl(rules, state, { ...override, reason: "" }))).toBe("control/bad_value");
  });
});
