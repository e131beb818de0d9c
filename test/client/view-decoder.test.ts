// The client decodes its view again after every patch; it rebuilds only the top-level fields
// whose entries changed. Through a real game (bots' orders, proposals, resolutions), the view it
// builds must equal the whole decode at every step, and fields that did not change keep their
// object, so the UI can skip them.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ViewDecoder, viewFromState, type RoomStateLike } from "../../client/src/net/state-mirror.ts";
import { createGame, loadRules, moveOptions, playBot, resolveTurn, summedRelations, viewFor } from "../../shared/engine/index.ts";
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
    let modifiers = 0;
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
      // Relations travel as their values: the engine's, exactly, so the orders panel greys out
      // what the server would refuse on the same numbers.
      const engine = viewFor(r, s, "CHN");
      expect(before.relations).toEqual(summedRelations(engine.relations));
      expect(moveOptions(r, before, "CHN")).toEqual(moveOptions(r, engine, "CHN"));
      modifiers += Object.values(engine.relations).reduce((n, rel) => n + rel.modifiers.length, 0);
    }
    expect(modifiers).toBeGreaterThan(20);
    // Orders change one or two fields: the relations, actors and the rest keep their objects.
    expect(reused).toBeGreaterThan(5 * 6 * 5);
  });

  it("carries no opinion modifier: every viewer gets each relation's value, the same for all, also where a seat may not know a modifier's origin", () => {
    const r = rules.value;
    const state = new GameRoomState();
    const mirror = new ViewMirror(state);
    const seats = Object.keys(createGame(r, "x").locked);
    let s = createGame(r, "secret relations");
    let hidden = 0;
    const labels = new Set<string>();
    for (let turn = 0; turn < 6; turn++) {
      // Strong bots use covert moves: their modifiers read "Unexplained shift" to other seats.
      for (const seat of seats) s = playBot(r, s, seat, { level: "strong" });
      s = resolveTurn(r, s).state;
      mirror.setPublic(viewFor(r, s, "observer"));
      for (const seat of seats) {
        const engine = viewFor(r, s, seat);
        mirror.setViewer(seat, engine);
        for (const rel of Object.values(engine.relations)) for (const m of rel.modifiers) {
          if (m.label === "Unexplained shift") hidden++;
          else labels.add(m.label);
        }
        const decoded = new ViewDecoder(seat).view(state as unknown as RoomStateLike);
        for (const [k, rel] of Object.entries(engine.relations)) expect(decoded.relations[k]).toEqual({ base: rel.modifiers.reduce((v, m) => v + m.value, rel.base), modifiers: [] });
      }
    }
    expect(hidden).toBeGreaterThan(0);
    expect(labels.size).toBeGreaterThan(5);
    // No seat's relations differ from the public ones, and no modifier label is anywhere in the state.
    const texts: string[] = [];
    state.strs.forEach((v) => texts.push(v));
    state.slots.forEach((slot) => {
      slot.strs.forEach((v, k) => {
        texts.push(v);
        expect(k.startsWith("!7/")).toBe(false);
      });
      slot.nums.forEach((_v, k) => expect(k.startsWith("!7/")).toBe(false));
      slot.wide.forEach((_v, k) => expect(k.startsWith("!7/")).toBe(false));
    });
    for (const label of labels) expect(texts.some((t) => t.includes(label))).toBe(false);
  });
});
