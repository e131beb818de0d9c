// What a screen reader hears from the announcer (client/src/ui/announce.ts): every text, in order,
// even when two come at once, and the same text twice is read twice.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { makeAnnouncer } from "../../client/src/ui/announce.ts";

describe("the announcer", () => {
  let region: string[];
  let announce: (text: string) => void;
  beforeEach(() => {
    vi.useFakeTimers();
    region = [];
    announce = makeAnnouncer((t) => region.push(t));
  });
  afterEach(() => vi.useRealTimers());

  it("reads a resolved turn and the chat line right after it together, the first not lost", () => {
    announce("Turn 1 (June 2024) is resolved: 4 stories in the News.");
    vi.advanceTimersByTime(30);
    announce("1 unread in Talks");
    vi.advanceTimersByTime(60);
    expect(region.filter((t) => t !== "")).toEqual(["Turn 1 (June 2024) is resolved: 4 stories in the News. 1 unread in Talks"]);
  });

  it("reads the same sentence again when it is announced again", () => {
    announce("Orders unlocked: you can revise them.");
    vi.advanceTimersByTime(100);
    announce("Orders unlocked: you can revise them.");
    vi.advanceTimersByTime(100);
    expect(region).toEqual(["", "Orders unlocked: you can revise them.", "", "Orders unlocked: you can revise them."]);
  });
});
