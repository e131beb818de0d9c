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
    let faded = 0;
    for (let turn = 0; turn < 5; turn++) {
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
      // Opinion modifiers travel once, as made; the decoder fades them by the new turn itself,
      // within half a hundredth of the engine's values (relation entries need not change).
      const engine = viewFor(r, s, "CHN");
      const close = Object.fromEntries(Object.entries(engine.relations).map(([k, rel]) => [k, { ...rel, modifiers: rel.modifiers.map((m) => ({ ...m, value: expect.closeTo(m.value, 2) })) }]));
      expect(before.relations).toEqual(close);
      faded += Object.values(engine.relations).flatMap((rel) => rel.modifiers).filter((m) => m.turn < s.turn - 1).length;
    }
    expect(faded).toBeGreaterThan(20);
    // Orders change one or two fields: the relations, actors and the rest keep their objects.
    expect(reused).toBeGreaterThan(5 * 6 * 5);
  });

  it("fades opinion modifiers by the view's turn, also in a turn where no relation entry changed", () => {
    const state = new GameRoomState();
    const mirror = new ViewMirror(state);
    const decoder = new ViewDecoder("observer");
    const view = (turn: number, value: number) =>
      ({ turn, relations: { "CHN:RUS": { base: 50, modifiers: [{ label: "Aid", value, fades: 0.5, cause: { kind: "move", id: "aid", actor: "CHN" }, turn: 2 }] } } }) as unknown as Parameters<ViewMirror["setPublic"]>[0];
    const relationEntries = () => {
      const out: [string, unknown][] = [];
      for (const m of [state.nums, state.wide, state.strs] as { forEach(cb: (v: unknown, k: string) => void): void }[]) m.forEach((v, k) => k.startsWith("!7/") && out.push([k, v]));
      return out.sort();
    };
    mirror.setPublic(view(3, 8));
    const entries = relationEntries();
    expect(decoder.view(state as unknown as RoomStateLike).relations["CHN:RUS"]!.modifiers[0]!.value).toBe(8);
    mirror.setPublic(view(4, 4));
    expect(relationEntries()).toEqual(entries);
    expect(decoder.view(state as unknown as RoomStateLike).relations["CHN:RUS"]!.modifiers[0]!.value).toBe(4);
    mirror.setPublic(view(5, 2));
    expect(decoder.view(state as unknown as RoomStateLike).relations["CHN:RUS"]!.modifiers[0]!.value).toBe(2);
  });
});
