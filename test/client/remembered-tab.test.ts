// A reload returns to the side-panel tab the player had open (Talks), per game and seat, instead
// of resetting to Orders; a tab another role does not have is not restored.
import { describe, expect, it } from "vitest";
import { rememberedTab, tabKey } from "../../client/src/ui/game-screen.ts";

const storage = (data: Record<string, string>) => ({ getItem: (k: string) => data[k] ?? null });

describe("the remembered side-panel tab", () => {
  it("comes back for the same game and seat, not for another", () => {
    const s = storage({ [tabKey("G1", "CHN")]: "inbox" });
    expect(rememberedTab(s, tabKey("G1", "CHN"), "player")).toBe("inbox");
    expect(rememberedTab(s, tabKey("G2", "CHN"), "player")).toBeNull();
    expect(rememberedTab(s, tabKey("G1", "RUS"), "player")).toBeNull();
  });

  it("is not restored where the role has no such tab, or storage is refused", () => {
    expect(rememberedTab(storage({ k: "control" }), "k", "player")).toBeNull();
    expect(rememberedTab(storage({ k: "control" }), "k", "facilitator")).toBe("control");
    expect(rememberedTab(storage({ k: "map" }), "k", "player")).toBe("map");
    const refusing = { getItem: (): string | null => { throw new Error("SecurityError"); } };
    expect(rememberedTab(refusing, "k", "player")).toBeNull();
    expect(rememberedTab(null, "k", "player")).toBeNull();
  });
});
