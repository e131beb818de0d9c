// MapScene: draws the countries coloured and patterned by relation or bloc, trade flows, sanctions
// and treaties of the selected country (all of them on demand) and the latest council vote; names
// every actor inside its country without overlaps; frames the scenario's theatre and shows distant
// actors as markers at the edge of the view; hover and click select a country; drag, wheel (toward
// the pointer) and keys pan and zoom; a new turn report pulses the countries that changed. It only
// reads the store and sets `hovered`/`selected`; it never talks to the network.
import Phaser from "phaser";
import type { Store, UiState } from "../store.ts";
import type { ProjectedMap, CountryShape } from "../map/projection.ts";
import { clipRing, countryAt } from "../map/projection.ts";
import type { Theatre } from "../map/theatre.ts";
import { EdgeMarkers, markerBand } from "../board/edge-markers.ts";
import { buildBoard, type ActorStyle, type BoardModel } from "../map/board-model.ts";
import { BAND_STYLES, BORDER_COLOUR, LAND_COLOUR, OVERLAY, relationBand, type Pattern } from "../map/palette.ts";
import { patternGeometry, type Segment } from "../map/patterns.ts";
import { actorAnchors, curve, dashes, midpoint, type Point } from "../board/board-geometry.ts";
import { actorName, fmt, subjectActor } from "../game-info.ts";
import { blocLabel } from "../../../shared/engine/index.ts";

type Pts = Phaser.Math.Vector2[];

export class MapScene extends Phaser.Scene {
  private store!: Store;
  private map!: ProjectedMap;
  private theatre!: Theatre;
  private markers: EdgeMarkers | null = null;
  /** Camera position the labels and markers were last laid out for. */
  private laidOut = "";
  private ringPoints = new Map<CountryShape, Pts[]>();
  private patternCache = new Map<string, { lines: Segment[]; dots: [number, number][] }>();
  private land!: Phaser.GameObjects.Graphics;
  private texture!: Phaser.GameObjects.Graphics;
  private borders!: Phaser.GameObjects.Graphics;
  private overlay!: Phaser.GameObjects.Graphics;
  private hoverG!: Phaser.GameObjects.Graphics;
  private labels: Phaser.GameObjects.Text[] = [];
  /** Actor labels with their anchors, laid out again at every zoom so they do not overlap. */
  private actorLabels: { text: Phaser.GameObjects.Text; x: number; y: number }[] = [];
  private tooltip!: Phaser.GameObjects.Text;
  private anchors = new Map<string, Point>();
  private byMapId = new Map<string, ActorStyle>();
  private model: BoardModel | null = null;
  private drag: { x: number; y: number; sx: number; sy: number; moved: boolean } | null = null;
  private userMoved = false;
  private unsubscribe: (() => void) | null = null;
  /** The static layers baked into one texture, so an idle frame draws a single quad (fast on SwiftShader). */
  private baked: { texture: Phaser.Textures.DynamicTexture; image: Phaser.GameObjects.Image; scale: number; region: [number, number, number, number] } | null = null;

  constructor() {
    super({ key: "MapScene" });
  }

  init(data: { map: ProjectedMap; theatre: Theatre }): void {
    this.map = data.map;
    this.theatre = data.theatre;
    this.store = this.registry.get("store") as Store;
    for (const c of this.map.countries) {
      this.ringPoints.set(
        c,
        c.rings.map((r) => {
          const pts: { x: number; y: number }[] = [];
          for (let i = 0; i < r.length; i += 2) pts.push({ x: r[i] as number, y: r[i + 1] as number });
          return pts as Pts;
        }),
      );
    }
  }

  create(): void {
    this.land = this.make.graphics({}, false);
    this.texture = this.make.graphics({}, false);
    this.borders = this.make.graphics({}, false);
    this.overlay = this.make.graphics({}, false);
    this.setUpBaking();
    this.hoverG = this.add.graphics().setDepth(5);
    this.tooltip = this.add
      .text(0, 0, "", { fontFamily: "DejaVu Sans, sans-serif", fontSize: "14px", color: "#ffffff", backgroundColor: "#000000cc", padding: { x: 6, y: 4 } })
      .setDepth(20)
      .setVisible(false);
    const host = this.game.canvas.parentElement;
    if (host?.parentElement) this.markers = new EdgeMarkers(host.parentElement, (id) => this.store.set({ selected: id, tab: "country" }));
    this.fitCamera();
    this.redraw(this.store.get());
    this.unsubscribe = this.store.subscribe((s, prev) => {
      this.wake();
      const flowsChanged = s.allFlows !== prev.allFlows || (!s.allFlows && s.selected !== prev.selected);
      if (s.snapshot?.view !== prev.snapshot?.view || s.replay !== prev.replay || s.colourMode !== prev.colourMode || s.projector !== prev.projector || flowsChanged) this.redraw(s);
      else if (s.hovered !== prev.hovered || s.selected !== prev.selected) this.drawHover(s);
      if (s.animateTurn !== null && s.animateTurn !== prev.animateTurn) this.animateReport(s);
    });
    // A destroyed game emits DESTROY, never SHUTDOWN: both let go of the store, which outlives the
    // board (a scene still subscribed to it after Leave broke the next game's screen).
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      this.detach();
      this.baked?.texture.destroy();
    });
    this.events.once(Phaser.Scenes.Events.DESTROY, () => this.detach());
    this.scale.on(Phaser.Scale.Events.RESIZE, () => {
      this.wake();
      if (!this.userMoved) this.fitCamera();
    });
    const wake = (): void => this.wake();
    for (const type of ["pointermove", "pointerdown", "pointerup", "wheel", "keydown", "focusin"]) this.game.canvas.parentElement?.addEventListener(type, wake, { passive: true });
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      for (const type of ["pointermove", "pointerdown", "pointerup", "wheel", "keydown", "focusin"]) this.game.canvas.parentElement?.removeEventListener(type, wake);
    });
    this.wake();
    this.bindInput();
    this.game.canvas.setAttribute("aria-hidden", "true");
    this.game.canvas.dataset["ready"] = "true";
    performance.mark("faultline:board-ready");
  }

  /** Stops following the store and removes the DOM the scene added; safe to call more than once. */
  detach(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.markers?.destroy();
    this.markers = null;
  }

  /**
   * Creates the texture the static layers are drawn into. Without one (very old GPUs) the Graphics
   * objects are displayed directly.
   */
  private setUpBaking(): void {
    const texture = this.textures.addDynamicTexture("map-static", 256, 256);
    if (!texture) {
      for (const g of [this.land, this.texture, this.borders, this.overlay]) this.add.existing(g);
      return;
    }
    const image = this.add.image(0, 0, texture).setOrigin(0, 0);
    this.baked = { texture, image, scale: 0, region: [0, 0, 0, 0] };
  }

  /**
   * The part of the world the texture holds: the camera's view and half a view around it, within the
   * map. The whole world at the theatre's zoom would be far larger than any texture.
   */
  private bakeRegion(): [number, number, number, number] {
    const v = this.cameras.main.worldView;
    const [bx0, by0, bx1, by1] = this.map.bounds;
    return [Math.max(bx0, v.x - v.width / 2), Math.max(by0, v.y - v.height / 2), Math.min(bx1, v.right + v.width / 2), Math.min(by1, v.bottom + v.height / 2)];
  }

  /**
   * The texture's pixels per world unit follow the camera zoom (at most 4096 px a side): a texture
   * shown near 1:1 keeps software GL fast, where a large one shrunk on screen costs most of a frame.
   */
  private bakeScale(region: [number, number, number, number]): number {
    const [x0, y0, x1, y1] = region;
    return Math.min(this.cameras.main.zoom * (window.devicePixelRatio || 1), 4096 / Math.max(1, x1 - x0), 4096 / Math.max(1, y1 - y0));
  }

  /** True when the camera still looks at the baked region at about the baked resolution. */
  private bakeFresh(): boolean {
    const b = this.baked;
    if (!b || b.scale <= 0) return false;
    const v = this.cameras.main.worldView;
    const [x0, y0, x1, y1] = b.region;
    const [bx0, by0, bx1, by1] = this.map.bounds;
    const covers = (v.x >= x0 || x0 <= bx0) && (v.y >= y0 || y0 <= by0) && (v.right <= x1 || x1 >= bx1) && (v.bottom <= y1 || y1 >= by1);
    const ratio = this.bakeScale(this.bakeRegion()) / b.scale;
    return covers && ratio > 0.8 && ratio < 1.25;
  }

  /** Copies the static layers into the baked texture for the region around the camera. */
  private bake(force = true): void {
    const b = this.baked;
    if (!b) return;
    if (!force && this.bakeFresh()) return;
    const region = this.bakeRegion();
    const want = this.bakeScale(region);
    const [x0, y0, x1, y1] = region;
    b.scale = want;
    b.region = region;
    b.texture.setSize(Math.max(1, Math.ceil((x1 - x0) * want)), Math.max(1, Math.ceil((y1 - y0) * want)));
    b.image.setTexture("map-static").setPosition(x0, y0).setScale(1 / want);
    for (const g of [this.land, this.texture, this.borders, this.overlay]) g.setScale(want).setPosition(-x0 * want, -y0 * want);
    b.texture.clear();
    b.texture.draw([this.land, this.texture, this.borders, this.overlay]);
    b.texture.render();
  }

  private rebakeTimer: Phaser.Time.TimerEvent | null = null;
  private lastActivity = 0;
  private asleep = false;

  /**
   * Render on demand: a turn-based board is still most of the time, so the loop sleeps after a
   * quiet moment and wakes on input, store changes, resizes and animations. The page then idles at
   * the display rate with its main thread free, instead of redrawing an unchanged map every frame.
   */
  wake(): void {
    this.lastActivity = performance.now();
    if (this.asleep) {
      this.asleep = false;
      this.game.loop.wake(true);
    }
  }

  update(): void {
    const cam = this.cameras.main;
    const at = `${cam.scrollX.toFixed(1)},${cam.scrollY.toFixed(1)},${cam.zoom.toFixed(4)},${this.scale.width},${this.scale.height}`;
    if (at !== this.laidOut) {
      this.laidOut = at;
      this.layoutLabels();
      this.placeMarkers();
      if (!this.bakeFresh()) this.scheduleRebake();
    }
    if (performance.now() - this.lastActivity < 800 || this.tweens.getTweens().length > 0) return;
    this.asleep = true;
    this.game.loop.sleep();
  }

  /** After zooming settles, re-bakes at the new resolution if it changed enough. */
  private scheduleRebake(): void {
    this.rebakeTimer?.remove();
    this.rebakeTimer = this.time.delayedCall(250, () => this.bake(false));
  }

  /**
   * Frames the theatre: it fills the view, and when the view's shape differs much from the
   * theatre's (a phone held upright) the zoom goes part of the way from "all of it" toward "fill",
   * cropping the theatre's far sides rather than leaving most of the screen to the sea.
   */
  private fitCamera(): void {
    const cam = this.cameras.main;
    const [tx0, ty0, tx1, ty1] = this.map.theatre;
    const tw = tx1 - tx0;
    const th = ty1 - ty0;
    const contain = Math.min(this.scale.width / tw, this.scale.height / th);
    const cover = Math.max(this.scale.width / tw, this.scale.height / th);
    const zoom = Math.min(cover, contain * Math.max(1, Math.sqrt(cover / contain) * 0.95));
    const [x0, y0, x1, y1] = this.map.bounds;
    cam.setBounds(x0 - 200, y0 - 200, x1 - x0 + 400, y1 - y0 + 400);
    cam.setZoom(zoom);
    // When the theatre is cropped, keep the seats that lie wholly inside it in view (the Koreas
    // and Japan), shifting from the theatre's middle as little as needed.
    const vw = this.scale.width / zoom;
    const vh = this.scale.height / zoom;
    let cx = (tx0 + tx1) / 2;
    let cy = (ty0 + ty1) / 2;
    const core = this.coreBox();
    if (core) {
      const [c0, d0, c1, d1] = core;
      if (c1 - c0 <= vw) cx = Math.min(Math.max(cx, c1 - vw / 2 + 4 / zoom), c0 + vw / 2 - 4 / zoom);
      if (d1 - d0 <= vh) cy = Math.min(Math.max(cy, d1 - vh / 2 + 4 / zoom), d0 + vh / 2 - 4 / zoom);
    }
    if (core) {
      const [x, y, z] = this.clearOfOverlays(core, cx, cy, zoom);
      [cx, cy] = [x, y];
      cam.setZoom(z);
    }
    cam.centerOn(cx, cy);
    cam.preRender();
    this.rescaleLabels();
    if (this.model) this.scheduleRebake();
  }

  /**
   * Moves the view centre (cx, cy) the least it takes for the seats' box (`core`, world units) to
   * come out from under the board's overlays (the map key in a corner, the zoom buttons), as long
   * as the box stays in view; where no move can, zooms out a little first (to 80% at most). The
   * map key hid Yemen, a seat of the Red Sea scenario, at 1280x720.
   */
  private clearOfOverlays(core: [number, number, number, number], cx: number, cy: number, zoom: number): [number, number, number] {
    const W = this.scale.width;
    const H = this.scale.height;
    const margin = 6;
    // The box stays below a row of markers along the top and above one along the bottom.
    const top = markerBand(W);
    const bottom = H - markerBand(W);
    for (const o of this.markers?.keepClearBoxes() ?? []) {
      for (let attempt = 0; attempt < 2; attempt++) {
        // The box on screen with the view centred on (cx, cy).
        const x0 = (core[0] - cx) * zoom + W / 2;
        const x1 = (core[2] - cx) * zoom + W / 2;
        const y0 = (core[1] - cy) * zoom + H / 2;
        const y1 = (core[3] - cy) * zoom + H / 2;
        if (x1 <= o.x0 || x0 >= o.x1 || y1 <= o.y0 || y0 >= o.y1) break;
        // Screen shifts of the map's content that clear this overlay, kept only if the box stays in view.
        const below = o.y1 >= H / 2;
        const right = o.x1 >= W / 2;
        const up = y1 - o.y0 + margin;
        const down = o.y1 - y0 + margin;
        const leftward = x1 - o.x0 + margin;
        const rightward = o.x1 - x0 + margin;
        const shifts: [number, number][] = [];
        // A pixel or two of slack: the board's height follows the top bar's, which can be a
        // fraction of a pixel taller, and a half pixel decided whether Yemen cleared the map key.
        const slack = 2;
        if (below && y0 - up >= top - slack) shifts.push([0, -up]);
        if (!below && y1 + down <= bottom + slack) shifts.push([0, down]);
        if (right && x0 - leftward >= margin - slack) shifts.push([-leftward, 0]);
        if (!right && x1 + rightward <= W - margin + slack) shifts.push([rightward, 0]);
        const best = shifts.sort((a, b) => Math.hypot(...a) - Math.hypot(...b))[0];
        if (best) {
          // Content moving up is the view's centre moving down.
          cx -= best[0] / zoom;
          cy -= best[1] / zoom;
          break;
        }
        // No room: the zoom at which the box fits beside the overlay, above or below it, or to its side.
        const roomY = below ? o.y0 - margin - top : bottom - o.y1 - margin;
        const roomX = right ? o.x0 - 2 * margin : W - o.x1 - 2 * margin;
        const fit = Math.max(roomY / (y1 - y0), roomX / (x1 - x0));
        if (attempt > 0 || fit < 0.8 || fit >= 1) break;
        zoom *= fit;
      }
    }
    return [cx, cy, zoom];
  }

  /** The box around the seats' countries that lie wholly inside the theatre. */
  private coreBox(): [number, number, number, number] | null {
    const sc = this.store.get().session?.scenario;
    if (!sc) return null;
    const [tx0, ty0, tx1, ty1] = this.map.theatre;
    const ids = new Set(Object.values(sc.actors).filter((a) => a.playable).flatMap((a) => a.mapIds));
    const inside = this.map.countries.filter((c) => ids.has(c.id) && c.bbox[0] >= tx0 && c.bbox[1] >= ty0 && c.bbox[2] <= tx1 && c.bbox[3] <= ty1);
    if (inside.length === 0) return null;
    return [Math.min(...inside.map((c) => c.bbox[0])), Math.min(...inside.map((c) => c.bbox[1])), Math.max(...inside.map((c) => c.bbox[2])), Math.max(...inside.map((c) => c.bbox[3]))];
  }

  /** Screen boxes of an actor's countries (for the browser tests: does the theatre fill the view?). */
  screenBoxes(actor: string): { x0: number; y0: number; x1: number; y1: number }[] {
    const a = this.model?.actors.find((x) => x.id === actor);
    const cam = this.cameras.main;
    const toScreen = (x: number, y: number): [number, number] => [(x - cam.worldView.x) * cam.zoom, (y - cam.worldView.y) * cam.zoom];
    return this.map.countries
      .filter((c) => a?.mapIds.includes(c.id))
      .map((c) => {
        const [x0, y0] = toScreen(c.bbox[0], c.bbox[1]);
        const [x1, y1] = toScreen(c.bbox[2], c.bbox[3]);
        return { x0, y0, x1, y1 };
      });
  }

  private redraw(s: UiState): void {
    const snap = s.snapshot;
    const sc = s.session?.scenario;
    if (!snap || !sc) return;
    // An open replay shows its turn on the map, as the replay's viewer saw it.
    const view = s.replay?.view ?? snap.view;
    const seat = s.replay ? s.replay.seat : snap.seat;
    const model = buildBoard(sc, view, seat, s.colourMode);
    this.model = model;
    this.byMapId.clear();
    for (const a of model.actors) for (const id of a.mapIds) this.byMapId.set(id, a);
    this.anchors = actorAnchors(this.map, model.actors);
    // What the map shows, for tests and assistive tools: the state's turn and every actor's colour.
    this.game.canvas.dataset["viewTurn"] = String(view.turn);
    this.game.canvas.dataset["colours"] = model.actors.map((a) => `${a.id}:${a.colour.toString(16)}`).join(" ");
    this.drawCountries(seat);
    this.drawOverlays(model, s.allFlows ? null : s.selected);
    this.bake();
    this.drawLabels(model, s.projector);
    this.drawHover(s);
  }

  private drawCountries(seat: string | null): void {
    const { land, texture, borders } = this;
    land.clear();
    texture.clear();
    borders.clear();
    for (const c of this.map.countries) {
      const style = this.byMapId.get(c.id);
      const rings = this.ringPoints.get(c) ?? [];
      land.fillStyle(style?.colour ?? LAND_COLOUR, 1);
      for (const r of rings) land.fillPoints(r, true);
      if (style) this.drawPattern(c, style.pattern);
    }
    borders.lineStyle(0.8, BORDER_COLOUR, 1);
    for (const c of this.map.countries) for (const r of this.ringPoints.get(c) ?? []) borders.strokePoints(r, true);
    if (seat) {
      borders.lineStyle(2.5, 0xffffff, 1);
      const mine = this.model?.actors.find((a) => a.id === seat);
      for (const c of this.map.countries) if (mine?.mapIds.includes(c.id)) for (const r of this.ringPoints.get(c) ?? []) borders.strokePoints(r, true);
    }
  }

  private drawPattern(c: CountryShape, pattern: Pattern): void {
    const key = `${c.id}:${pattern}`;
    let geo = this.patternCache.get(key);
    if (!geo) {
      // Textures only where they can be seen at a reading zoom: the theatre and as much again
      // around it (Russia's or the EU's whole extent would be thousands of hatch lines).
      const [tx0, ty0, tx1, ty1] = this.map.theatre;
      const mx = tx1 - tx0;
      const my = ty1 - ty0;
      const box: [number, number, number, number] = [tx0 - mx, ty0 - my, tx1 + mx, ty1 + my];
      const rings = c.bbox[0] >= box[0] && c.bbox[1] >= box[1] && c.bbox[2] <= box[2] && c.bbox[3] <= box[3] ? c.rings : c.rings.map((r) => clipRing(r, box)).filter((r) => r.length >= 6);
      geo = patternGeometry(pattern, rings, 7);
      this.patternCache.set(key, geo);
    }
    this.texture.lineStyle(1.4, 0x000000, 0.5);
    for (const [x1, y1, x2, y2] of geo.lines) this.texture.lineBetween(x1, y1, x2, y2);
    this.texture.fillStyle(0x000000, 0.55);
    for (const [x, y] of geo.dots) this.texture.fillCircle(x, y, 1.5);
  }

  /** Trade, treaties and sanctions of `focus` only (all of them when focus is null). */
  private drawOverlays(model: BoardModel, focus: string | null): void {
    const g = this.overlay;
    g.clear();
    // A line between two distant actors would cross the whole theatre the wrong way round the globe.
    const inset = new Set(this.theatre.insets);
    const shown = (a: string, b: string): boolean => !(inset.has(a) && inset.has(b)) && (focus === null || a === focus || b === focus);
    for (const f of model.flows) {
      if (!shown(f.a, f.b)) continue;
      const a = this.anchors.get(f.a);
      const b = this.anchors.get(f.b);
      if (!a || !b) continue;
      g.lineStyle(f.width, OVERLAY.trade, 0.7);
      g.strokePoints(curve(a, b, 0.12) as Pts, false);
    }
    for (const t of model.treaties) {
      if (!shown(t.a, t.b)) continue;
      const a = this.anchors.get(t.a);
      const b = this.anchors.get(t.b);
      if (!a || !b) continue;
      const pts = curve(a, b, -0.08);
      g.fillStyle(OVERLAY.treaty, 1);
      for (const [p] of dashes(pts, 1, 8)) g.fillCircle(p.x, p.y, 2.2);
      const m = midpoint(pts);
      g.lineStyle(2, OVERLAY.treaty, 1);
      g.strokeCircle(m.x - 4, m.y, 5);
      g.strokeCircle(m.x + 4, m.y, 5);
    }
    for (const s of model.sanctions) {
      if (!shown(s.by, s.on)) continue;
      const a = this.anchors.get(s.by);
      const b = this.anchors.get(s.on);
      if (!a || !b) continue;
      const pts = curve(a, b, -0.18);
      g.lineStyle(s.un ? 3.5 : 2.5, OVERLAY.sanction, 0.95);
      for (const [p, q] of dashes(pts, 10, 6)) g.lineBetween(p.x, p.y, q.x, q.y);
      const end = pts[pts.length - 1] as Point;
      const before = pts[pts.length - 3] as Point;
      const ang = Math.atan2(end.y - before.y, end.x - before.x);
      g.fillStyle(OVERLAY.sanction, 1);
      g.fillTriangle(end.x, end.y, end.x - 12 * Math.cos(ang - 0.4), end.y - 12 * Math.sin(ang - 0.4), end.x - 12 * Math.cos(ang + 0.4), end.y - 12 * Math.sin(ang + 0.4));
      const m = midpoint(pts);
      g.fillStyle(0xffffff, 1);
      g.fillCircle(m.x, m.y, 7);
      g.lineStyle(2.5, OVERLAY.sanction, 1);
      g.strokeCircle(m.x, m.y, 7);
      g.lineBetween(m.x - 5, m.y + 5, m.x + 5, m.y - 5);
    }
    if (model.council) {
      for (const v of model.council.votes) {
        const a = this.anchors.get(v.actor);
        if (!a) continue;
        const colour = v.vote === "yes" ? OVERLAY.voteYes : v.vote === "no" ? OVERLAY.voteNo : OVERLAY.voteAbstain;
        g.fillStyle(colour, 1);
        g.fillCircle(a.x + 18, a.y - 16, 8);
        g.lineStyle(1.5, 0x000000, 1);
        g.strokeCircle(a.x + 18, a.y - 16, 8);
      }
    }
  }

  private drawLabels(model: BoardModel, projector: boolean): void {
    for (const t of this.labels) t.destroy();
    this.labels = [];
    this.actorLabels = [];
    const size = projector ? 18 : 13;
    const sc = this.store.get().session?.scenario;
    const sizeOf = (id: string): number => {
      const ids = model.actors.find((x) => x.id === id)?.mapIds ?? [];
      return Math.max(0, ...this.map.countries.filter((c) => ids.includes(c.id)).map((c) => c.size));
    };
    // Seats first, then larger countries: they keep their place and smaller names give way.
    const ordered = [...model.actors].sort(
      (x, y) => Number(sc?.actors[y.id]?.playable ?? false) - Number(sc?.actors[x.id]?.playable ?? false) || sizeOf(y.id) - sizeOf(x.id),
    );
    for (const a of ordered) {
      const p = this.anchors.get(a.id);
      if (!p) continue;
      const text = this.add
        .text(p.x, p.y, `${a.glyph} ${a.name}`, { fontFamily: "DejaVu Sans, sans-serif", fontSize: `${size}px`, fontStyle: "bold", color: "#ffffff", stroke: "#000000", strokeThickness: 4 })
        .setOrigin(0.5)
        .setDepth(10);
      this.labels.push(text);
      this.actorLabels.push({ text, x: p.x, y: p.y });
    }
    for (const v of model.council?.votes ?? []) {
      const p = this.anchors.get(v.actor);
      if (!p) continue;
      const letter = v.vote === "yes" ? "Y" : v.vote === "no" ? "N" : "A";
      this.labels.push(
        this.add.text(p.x + 18, p.y - 16, letter, { fontFamily: "DejaVu Sans, sans-serif", fontSize: "11px", fontStyle: "bold", color: v.vote === "abstain" ? "#000000" : "#ffffff" }).setOrigin(0.5).setDepth(11),
      );
    }
    this.rescaleLabels();
  }

  /** Keeps labels the same size on screen whatever the zoom. */
  private rescaleLabels(): void {
    const z = this.cameras.main.zoom;
    for (const t of this.labels) t.setScale(1 / z);
    this.tooltip?.setScale(1 / z);
    this.layoutLabels();
  }

  /**
   * Places names without overlaps: each at its country's label point, else nudged a line up or
   * down; a name that still collides with one placed before it (higher priority) is hidden, as is
   * a name outside the view (its actor then has an edge marker).
   */
  private layoutLabels(): void {
    const view = this.cameras.main.worldView;
    const zoom = this.cameras.main.zoom;
    // The map key and the zoom buttons count as placed: a name is nudged out from under them
    // ("Houthis (Ansar Allah)" ran under the map key at 1280x720).
    const placed: Phaser.Geom.Rectangle[] = (this.markers?.keepClearBoxes() ?? []).map(
      (o) => new Phaser.Geom.Rectangle(view.x + o.x0 / zoom, view.y + o.y0 / zoom, (o.x1 - o.x0) / zoom, (o.y1 - o.y0) / zoom),
    );
    for (const l of this.actorLabels) {
      const h = l.text.displayHeight;
      const w = l.text.displayWidth;
      // A name whose place is near the edge of the view slides in so it is read whole.
      const x = view.contains(l.x, l.y) ? Math.min(Math.max(l.x, view.x + w / 2 + 2 / this.cameras.main.zoom), view.right - w / 2 - 2 / this.cameras.main.zoom) : l.x;
      let spot: number | null = null;
      for (const dy of [0, h * 0.9, -h * 0.9, 1.8 * h, -1.8 * h]) {
        l.text.setPosition(x, l.y + dy);
        const r = l.text.getBounds();
        if (!Phaser.Geom.Rectangle.Overlaps(view, r)) break;
        if (!placed.some((p) => Phaser.Geom.Intersects.RectangleToRectangle(p, r))) {
          spot = dy;
          break;
        }
      }
      l.text.setVisible(spot !== null);
      if (spot === null) continue;
      l.text.setPosition(x, l.y + spot);
      placed.push(l.text.getBounds());
    }
  }

  /** Edge markers for actors whose place is outside the view (the theatre's distant actors). */
  private placeMarkers(): void {
    if (!this.markers || !this.model) return;
    const cam = this.cameras.main;
    const view = cam.worldView;
    const list = this.model.actors
      .map((a) => ({ a, p: this.anchors.get(a.id) }))
      .filter((x): x is { a: ActorStyle; p: Point } => x.p !== undefined && !view.contains(x.p.x, x.p.y))
      .map(({ a, p }) => ({ id: a.id, name: a.name, glyph: a.glyph, colour: a.colour, dx: (p.x - view.centerX) * cam.zoom, dy: (p.y - view.centerY) * cam.zoom }));
    this.markers.place(list, this.scale.width, this.scale.height);
  }

  private drawHover(s: UiState): void {
    const g = this.hoverG;
    g.clear();
    const mark = (id: string | null, colour: number, width: number): void => {
      const actor = this.model?.actors.find((a) => a.id === id);
      if (!actor) return;
      g.lineStyle(width / this.cameras.main.zoom, colour, 1);
      for (const c of this.map.countries) if (actor.mapIds.includes(c.id)) for (const r of this.ringPoints.get(c) ?? []) g.strokePoints(r, true);
    };
    mark(s.selected, 0xf0e442, 3);
    mark(s.hovered, 0xffffff, 2.5);
  }

  private bindInput(): void {
    const cam = this.cameras.main;
    this.input.on(Phaser.Input.Events.POINTER_DOWN, (p: Phaser.Input.Pointer) => {
      this.drag = { x: p.x, y: p.y, sx: cam.scrollX, sy: cam.scrollY, moved: false };
    });
    this.input.on(Phaser.Input.Events.POINTER_UP, (p: Phaser.Input.Pointer) => {
      const wasDrag = this.drag?.moved ?? false;
      this.drag = null;
      if (wasDrag) return;
      const w = cam.getWorldPoint(p.x, p.y);
      const c = countryAt(this.map, w.x, w.y);
      const actor = c ? this.byMapId.get(c.id) : undefined;
      if (actor) this.store.set({ selected: actor.id, tab: "country" });
    });
    this.input.on(Phaser.Input.Events.POINTER_MOVE, (p: Phaser.Input.Pointer) => {
      if (this.drag && p.isDown) {
        const dx = p.x - this.drag.x;
        const dy = p.y - this.drag.y;
        if (Math.abs(dx) + Math.abs(dy) > 4) this.drag.moved = true;
        if (this.drag.moved) {
          cam.setScroll(this.drag.sx - dx / cam.zoom, this.drag.sy - dy / cam.zoom);
          this.userMoved = true;
        }
        return;
      }
      this.hoverAt(p.x, p.y);
    });
    this.input.on(Phaser.Input.Events.POINTER_WHEEL, (p: Phaser.Input.Pointer, _over: unknown, _dx: number, dy: number) => {
      this.zoomAt(dy > 0 ? 1 / 1.15 : 1.15, p.x, p.y);
    });
    this.input.on(Phaser.Input.Events.GAME_OUT, () => {
      this.tooltip.setVisible(false);
      if (this.store.get().hovered !== null) this.store.set({ hovered: null });
    });
  }

  private hoverAt(sx: number, sy: number): void {
    const cam = this.cameras.main;
    const w = cam.getWorldPoint(sx, sy);
    const c = countryAt(this.map, w.x, w.y);
    const actor = c ? this.byMapId.get(c.id) : undefined;
    const s = this.store.get();
    if ((actor?.id ?? null) !== s.hovered) this.store.set({ hovered: actor?.id ?? null });
    if (!c) {
      this.tooltip.setVisible(false);
      return;
    }
    this.tooltip.setText(this.tooltipText(c, actor, s)).setPosition(w.x + 14 / cam.zoom, w.y + 14 / cam.zoom).setVisible(true);
  }

  private tooltipText(c: CountryShape, actor: ActorStyle | undefined, s: UiState): string {
    const sc = s.session?.scenario;
    if (!actor || !sc) return c.name;
    const lines = [actorName(sc, actor.id)];
    if (actor.relation !== undefined) lines.push(`${BAND_STYLES[relationBand(actor.relation)].glyph} ${BAND_STYLES[relationBand(actor.relation)].label.split(" (")[0]} (${fmt(actor.relation)})`);
    else if (sc.actors[actor.id]?.bloc) lines.push(`${blocLabel(sc.actors[actor.id]?.bloc ?? "")} bloc`);
    lines.push("Click for details");
    return lines.join("\n");
  }

  private zoomAt(factor: number, sx: number, sy: number): void {
    const cam = this.cameras.main;
    const before = cam.getWorldPoint(sx, sy);
    const min = Math.min(this.scale.width / this.map.width, this.scale.height / this.map.height) * 0.5;
    cam.setZoom(Phaser.Math.Clamp(cam.zoom * factor, min, 8));
    cam.preRender();
    const after = cam.getWorldPoint(sx, sy);
    cam.setScroll(cam.scrollX + before.x - after.x, cam.scrollY + before.y - after.y);
    this.userMoved = true;
    this.rescaleLabels();
    this.drawHover(this.store.get());
    this.scheduleRebake();
  }

  /** Keyboard control from the board host; returns true when the key was used. */
  handleKey(key: string): boolean {
    const cam = this.cameras.main;
    const step = 80 / cam.zoom;
    const cx = this.scale.width / 2;
    const cy = this.scale.height / 2;
    switch (key) {
      case "ArrowLeft":
        cam.setScroll(cam.scrollX - step, cam.scrollY);
        break;
      case "ArrowRight":
        cam.setScroll(cam.scrollX + step, cam.scrollY);
        break;
      case "ArrowUp":
        cam.setScroll(cam.scrollX, cam.scrollY - step);
        break;
      case "ArrowDown":
        cam.setScroll(cam.scrollX, cam.scrollY + step);
        break;
      case "+":
      case "=":
        this.zoomAt(1.25, cx, cy);
        return true;
      case "-":
      case "_":
        this.zoomAt(1 / 1.25, cx, cy);
        return true;
      case "0":
        this.userMoved = false;
        this.fitCamera();
        return true;
      default:
        return false;
    }
    this.userMoved = true;
    return true;
  }

  /** Pulses every country whose numbers changed in the new report. */
  private animateReport(s: UiState): void {
    const report = s.reports.find((r) => r.turn === s.animateTurn);
    if (!report) return;
    const changed = new Set<string>();
    for (const ex of report.explanations) {
      const owner = subjectActor(ex.subject);
      if (owner) changed.add(owner.actor);
    }
    for (const e of report.entries) for (const id of [e.actor, e.target]) if (id) changed.add(id);
    let i = 0;
    for (const id of changed) {
      const p = this.anchors.get(id);
      if (!p) continue;
      const ring = this.add.circle(p.x, p.y, 14).setStrokeStyle(3 / this.cameras.main.zoom, 0xffffff, 1).setDepth(15);
      this.tweens.add({ targets: ring, scale: 4, alpha: 0, duration: 1400, delay: (i++ % 8) * 120, repeat: 2, onComplete: () => ring.destroy() });
    }
  }
}
