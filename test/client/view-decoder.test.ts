// The client decodes its view again after every patch; it rebuilds only the top-level fields
// whose entries changed. Through a real game (bots' orders, proposals, resolutions), the view it
// builds must equal the whole decode at every step, and fields that did not change keep their
// object, so the UI can skip them.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ViewDecoder, viewFromState, type RoomStateLike } from "../../client/src/net/state-mirror.ts";
import { createGame, loadRules, playBot, resolveTurn, viewFor } from "../../shared/engine/index.ts";
import { GameRoomState, ViewMirror } from "../../server/rooms/game-state.ts";

const rules = loadRules(readFileSync(new URL("../../scenarios/pyongyang-2024.yaml", import.meta.url), "utf8"), "pyongyang-2024.yaml");
if (!rules.ok) throw new Error("scenario does not load");

describe("the client's view decoder", () => {
  it("equals a whole decode after every change of a bot game, and keeps unchanged fields' objects", () => {
    const r = rules.value;
    const state = new GameRoomState();
    const mirror = new ViewMirror(state);
    const decoder = new ViewDecoder("CHN");
    const mirrorOf = (s: ReturnType<typeof createGame>) => {
      mirror.setPublic(viewFor(r, s, "observer"));
      mirror.setViewer("CHN", viewFor(r, s, "CHN"));
    };
    let s = createGame(r, "decoder");
    mirrorOf(s);
    let before = decoder.view(state as unknown as RoomStateLike);
    let reused = 0;
    for (let turn = 0; turn < 4; turn++) {
      // One seat's orders at a time, then the resolution: each step is one patch.
      for (const seat of Object.keys(s.locked)) {
        s = playBot(r, s, seat);
        mirrorOf(s);
        const now = decoder.view(state as unknown as RoomStateLike);
        expect(now).toEqual(viewFromState(state as unknown as RoomStateLike, "CHN"));
        for (const k of Object.keys(now) as (keyof typeof now)[]) if (now[k] === before[k] && typeof now[k] === "object") reused++;
        before = now;
      }
      s = resolveTurn(r, s).state;
      mirrorOf(s);
      before = decoder.view(state as unknown as RoomStateLike);
      expect(before).toEqual(viewFromState(state as unknown as RoomStateLike, "CHN"));
    }
    // Orders change one or two fields: the relations, actors and the rest keep their objects.
    expect(reused).toBeGreaterThan(4 * 6 * 5);
  });
});
