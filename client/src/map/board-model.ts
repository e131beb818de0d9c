// What the map shows, computed from the scenario and a view: a pure function the Phaser scene
// draws and the unit tests check. Keeps all "what does this mean" logic out of the scene.
import type { Scenario } from "../../../shared/scenario/schema.ts";
import type { GameView, Vote } from "../../../shared/engine/index.ts";
import type { ClientView } from "../../../shared/protocol.ts";
import { actorName, relationBetween, splitPair } from "../game-info.ts";
import { actorName as headlineName, blocLabel } from "../../../shared/engine/index.ts";
import { BAND_STYLES, blocStyle, relationBand, type Pattern, type RelationBand } from "./palette.ts";

export type ColourMode = "relation" | "bloc";

export interface ActorStyle {
  id: string;
  name: string;
  short: string;
  mapIds: string[];
  colour: number;
  pattern: Pattern;
  glyph: string;
  /** Legend key this actor falls under (band or bloc name). */
  key: string;
  /** Relation to the viewer, when colouring by relation. */
  relation?: number;
}

export interface Flow {
  a: string;
  b: string;
  volume: number;
  /** Line width in pixels at zoom 1, growing with the square root of the volume. */
  width: number;
}

export interface SanctionLink {
  by: string;
  on: string;
  sectors: string[];
  un: boolean;
}

export interface TreatyLink {
  a: string;
  b: string;
  kind: string;
  name: string;
}

export interface CouncilVotes {
  headline: string;
  turn: number;
  outcome?: string;
  votes: { actor: string; vote: Vote }[];
}

export interface LegendItem {
  key: string;
  label: string;
  colour: number;
  pattern: Pattern;
  glyph: string;
}

export interface BoardModel {
  mode: ColourMode;
  actors: ActorStyle[];
  flows: Flow[];
  sanctions: SanctionLink[];
  treaties: TreatyLink[];
  council: CouncilVotes | null;
  legend: LegendItem[];
}

/** Blocs in the order they first appear among the scenario's actors. */
export function blocsOf(scenario: Scenario): string[] {
  const out: string[] = [];
  for (const a of Object.values(scenario.actors)) if (a.bloc && !out.includes(a.bloc)) out.push(a.bloc);
  return out;
}

/** Styles every actor on the map by relation to `viewer` (a seat) or by bloc. */
export function styleActors(scenario: Scenario, view: Pick<GameView, "relations">, viewer: string | null, mode: ColourMode): ActorStyle[] {
  const blocs = blocsOf(scenario);
  // Members of one bloc share its hue and pattern, but each distinct actor gets its own shade, seats
  // first: China, Russia and North Korea are all "east" in the first scenario, and one flat colour
  // made North Korea look like part of China.
  const rank = new Map<string, number>();
  for (const bloc of blocs) {
    const members = Object.entries(scenario.actors)
      .filter(([, a]) => a.bloc === bloc && a.mapIds.length > 0)
      .sort(([, x], [, y]) => Number(y.playable) - Number(x.playable));
    members.forEach(([id], i) => rank.set(id, i));
  }
  const useRelation = mode === "relation" && viewer !== null && scenario.actors[viewer] !== undefined;
  return Object.entries(scenario.actors)
    .filter(([, a]) => a.mapIds.length > 0)
    .map(([id, a]) => {
      const base = { id, name: actorName(scenario, id), short: headlineName(scenario, id), mapIds: a.mapIds };
      if (useRelation) {
        if (id === viewer) return { ...base, ...pickBand("self"), key: "self" };
        const relation = relationBetween(view, viewer, id);
        const band = relationBand(relation);
        return { ...base, ...pickBand(band), key: band, relation };
      }
      const index = a.bloc ? blocs.indexOf(a.bloc) : -1;
      if (index < 0) return { ...base, ...pickBand("neutral"), key: "none" };
      const s = blocStyle(index);
      return { ...base, colour: shade(s.colour, BLOC_SHADES[(rank.get(id) ?? 0) % BLOC_SHADES.length] ?? 0), pattern: s.pattern, glyph: s.glyph, key: a.bloc ?? "none" };
    });
}

/** Lighter (> 0) or darker (< 0) steps for the members of one bloc. */
const BLOC_SHADES = [0, 0.45, -0.4, 0.7, -0.6, 0.25, -0.2];

/** Mixes a colour toward white (k > 0) or black (k < 0). */
export function shade(colour: number, k: number): number {
  const mix = (c: number): number => Math.round(k >= 0 ? c + (255 - c) * k : c * (1 + k));
  return (mix((colour >> 16) & 255) << 16) | (mix((colour >> 8) & 255) << 8) | mix(colour & 255);
}

function pickBand(band: RelationBand): { colour: number; pattern: Pattern; glyph: string } {
  const s = BAND_STYLES[band];
  return { colour: s.colour, pattern: s.pattern, glyph: s.glyph };
}

/** Legend entries for the current mode (only keys that appear on the map, plus "You"). */
export function legendFor(scenario: Scenario, actors: ActorStyle[], mode: ColourMode, hasViewer: boolean): LegendItem[] {
  if (mode === "relation" && hasViewer) {
    return (Object.keys(BAND_STYLES) as RelationBand[]).map((band) => ({ key: band, ...BAND_STYLES[band] }));
  }
  const items: LegendItem[] = blocsOf(scenario).map((bloc, i) => ({ key: bloc, label: blocLabel(bloc), ...blocStyle(i) }));
  if (actors.some((a) => a.key === "none")) items.push({ key: "none", ...BAND_STYLES.neutral, label: "No bloc" });
  return items;
}

/** Trade between actors drawn on the map, widest for the largest volume. */
export function tradeFlows(scenario: Scenario, trade: Record<string, number>): Flow[] {
  const onMap = (id: string): boolean => (scenario.actors[id]?.mapIds.length ?? 0) > 0;
  const pairs = Object.entries(trade)
    .map(([key, volume]) => ({ pair: splitPair(key), volume }))
    .filter((x): x is { pair: [string, string]; volume: number } => x.pair !== null && x.volume > 0 && onMap(x.pair[0]) && onMap(x.pair[1]));
  const max = Math.max(1, ...pairs.map((p) => p.volume));
  return pairs
    .map(({ pair, volume }) => ({ a: pair[0], b: pair[1], volume, width: 1 + 9 * Math.sqrt(volume / max) }))
    .sort((x, y) => y.volume - x.volume);
}

/** Sanctions in force, one link per (by, on) with its sectors. */
export function sanctionLinks(view: Pick<GameView, "sanctions">): SanctionLink[] {
  const byPair = new Map<string, SanctionLink>();
  for (const s of view.sanctions) {
    const key = `${s.by}>${s.on}`;
    const link = byPair.get(key) ?? { by: s.by, on: s.on, sectors: [], un: false };
    if (!link.sectors.includes(s.sector)) link.sectors.push(s.sector);
    link.un = link.un || s.un;
    byPair.set(key, link);
  }
  return [...byPair.values()];
}

/** Treaties and partnerships as links between every pair of parties. */
export function treatyLinks(view: Pick<GameView, "treaties">): TreatyLink[] {
  const links: TreatyLink[] = [];
  for (const t of view.treaties) {
    for (let i = 0; i < t.parties.length; i++) {
      for (let j = i + 1; j < t.parties.length; j++) {
        links.push({ a: t.parties[i] as string, b: t.parties[j] as string, kind: t.kind, name: t.name });
      }
    }
  }
  return links;
}

/** The latest Security Council vote in the viewer's reports. */
export function latestCouncilVote(view: Pick<ClientView, "reports">): CouncilVotes | null {
  for (let r = view.reports.length - 1; r >= 0; r--) {
    const report = view.reports[r];
    if (!report) continue;
    for (let e = report.entries.length - 1; e >= 0; e--) {
      const entry = report.entries[e];
      if (entry?.kind === "council" && entry.votes) {
        return {
          headline: entry.headline,
          turn: report.turn,
          outcome: entry.outcome,
          votes: Object.entries(entry.votes).map(([actor, vote]) => ({ actor, vote })),
        };
      }
    }
  }
  return null;
}

/** Everything the map draws for one view. */
export function buildBoard(scenario: Scenario, view: ClientView, viewer: string | null, mode: ColourMode): BoardModel {
  const actors = styleActors(scenario, view, viewer, mode);
  return {
    mode,
    actors,
    flows: tradeFlows(scenario, view.trade),
    sanctions: sanctionLinks(view),
    treaties: treatyLinks(view),
    council: latestCouncilVote(view),
    legend: legendFor(scenario, actors, mode, viewer !== null && scenario.actors[viewer] !== undefined),
  };
}
