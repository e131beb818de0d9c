// The create form's scenario field: the server's scenario files (title, summary, seats, turns),
// files that do not validate with their errors, and a facilitator's own file, checked on the spot
// with the same located errors as the command line and sent with the new game.
import type { ScenarioListing, ScenarioProblem } from "../../../shared/protocol.ts";
import type { GameServer } from "../net/session-types.ts";
import { h, replace } from "../dom.ts";

/** Where the workbench leaves a scenario for "Start a game from it" (same origin, this tab). */
export const UPLOAD_KEY = "faultline.upload";
const UPLOAD_VALUE = "__upload__";
const DEFAULT_SCENARIO = "pyongyang-2024";

interface Uploaded {
  text: string;
  file: string;
  title: string;
  summary: string;
  turns: number;
  seats: { id: string; name: string }[];
}

export interface ScenarioPicker {
  element: HTMLElement;
  /** What the create request carries: a folder scenario's name, or the uploaded file. */
  choice(): { scenario: string } | { scenarioText: string; scenarioFile: string };
  /** Re-reads the server's list (the folder is re-read on the server when files change). */
  refresh(): Promise<void>;
  /** The chosen scenario's seats (none until the list arrived). */
  seats(): { id: string; name: string }[];
  /** Called after the choice (or what the server lists for it) changed. */
  onChange(cb: () => void): void;
}

/** "line 12, column 3: turns.budget: ..." */
export function problemText(p: ScenarioProblem): string {
  return `line ${p.line}, column ${p.column}: ${p.path ? `${p.path}: ` : ""}${p.message}`;
}

/** One line about a playable scenario: seats and turns. */
export function scenarioFacts(s: { seats?: { name: string }[]; turns?: number }): string {
  const seats = s.seats ?? [];
  return `${seats.length} seat${seats.length === 1 ? "" : "s"} (${seats.map((x) => x.name).join(", ")}) · ${s.turns ?? "?"} turns`;
}

export function mountScenarioPicker(server: GameServer, onError: (e: unknown) => void): ScenarioPicker {
  let listings: ScenarioListing[] = [];
  let uploaded: Uploaded | null = null;
  const changed: (() => void)[] = [];
  const wanted = new URLSearchParams(location.search).get("scenario");
  const select = h("select", { id: "create-scenario", name: "scenario", onchange: () => show() }, h("option", { value: DEFAULT_SCENARIO }, "Pyongyang 2024"));
  const info = h("div", { class: "scenario-info", id: "scenario-info", "aria-live": "polite" });
  const broken = h("div", { class: "scenario-broken", id: "scenario-broken" });
  const uploadProblems = h("div", { class: "scenario-problems", id: "upload-problems", role: "alert" });
  const upload = h("input", {
    type: "file",
    id: "scenario-upload",
    accept: ".yaml,.yml,.json,application/json,text/yaml",
    onchange: () => {
      const f = upload.files?.[0];
      if (f) void f.text().then((text) => check(text, f.name), onError);
    },
  });

  async function check(text: string, file: string): Promise<void> {
    replace(uploadProblems, h("p", { class: "hint" }, `Checking ${file}…`));
    try {
      const r = await server.checkScenario(text, file);
      if (!r.ok) {
        uploaded = null;
        replace(
          uploadProblems,
          h("p", { class: "error" }, `${file} does not validate (${r.errors.length} error${r.errors.length === 1 ? "" : "s"}). Fix these and choose the file again:`),
          h("ul", { class: "problems" }, r.errors.slice(0, 20).map((p) => h("li", {}, `${file}, ${problemText(p)}`))),
        );
        fill();
        return;
      }
      uploaded = { text, file, title: r.title, summary: r.summary, turns: r.turns, seats: r.seats };
      replace(uploadProblems);
      fill();
      select.value = UPLOAD_VALUE;
      show();
    } catch (e) {
      replace(uploadProblems);
      onError(e);
    }
  }

  function fill(): void {
    const keep = select.value;
    const ok = listings.filter((l) => l.name && !l.errors);
    replace(
      select,
      ok.map((l) => h("option", { value: l.name! }, `${l.title} (${l.file})`)),
      uploaded ? h("option", { value: UPLOAD_VALUE }, `${uploaded.title} (your file ${uploaded.file})`) : null,
    );
    const values = [...select.options].map((o) => o.value);
    const preferred = [keep, wanted ?? "", DEFAULT_SCENARIO].find((v) => values.includes(v));
    if (preferred) select.value = preferred;
    const bad = listings.filter((l) => l.errors);
    const wasOpen = broken.querySelector("details")?.open ?? false;
    replace(
      broken,
      bad.length === 0
        ? null
        : h(
            "details",
            { class: "broken-files", open: wasOpen },
            h("summary", { class: "error" }, `${bad.length} scenario file${bad.length === 1 ? " does" : "s do"} not validate and cannot be played until fixed`),
            bad.map((l) => h("div", {}, h("strong", {}, l.file), h("ul", { class: "problems" }, l.errors!.slice(0, 5).map((p) => h("li", {}, problemText(p)))))),
          ),
    );
  }

  function show(): void {
    for (const cb of changed) cb();
    if (select.value === UPLOAD_VALUE && uploaded) {
      replace(info, h("p", {}, uploaded.summary), h("p", { class: "hint" }, scenarioFacts(uploaded)));
      return;
    }
    const l = listings.find((x) => x.name === select.value);
    replace(info, l ? [h("p", {}, l.summary ?? ""), h("p", { class: "hint" }, scenarioFacts(l))] : null);
  }

  async function refresh(): Promise<void> {
    let next: ScenarioListing[];
    try {
      next = await server.listScenarios();
    } catch (e) {
      onError(e);
      return;
    }
    // Refilled only when the folder changed, so an open menu is not rebuilt under the pointer.
    if (JSON.stringify(next) === JSON.stringify(listings) && select.options.length > 1) return;
    listings = next;
    fill();
    show();
  }

  // A scenario handed over by the workbench ("Start a game from it").
  const handed = new URLSearchParams(location.search).has("upload") ? sessionStorage.getItem(UPLOAD_KEY) : null;
  void refresh().then(() => {
    if (!handed) return;
    try {
      const { text, file } = JSON.parse(handed) as { text: string; file: string };
      void check(text, file);
    } catch {
      /* not ours */
    }
  });

  const element = h(
    "div",
    { class: "scenario-field" },
    h("div", { class: "field" }, h("label", { for: "create-scenario" }, "Scenario"), select),
    info,
    broken,
    h("div", { class: "field upload-field" }, h("label", { for: "scenario-upload" }, "Or play your own scenario file"), upload),
    uploadProblems,
    h("p", { class: "hint" }, "Write and test one in the ", h("a", { href: "/workbench.html" }, "scenario workbench"), "."),
  );
  return {
    element,
    refresh,
    choice: () => (select.value === UPLOAD_VALUE && uploaded ? { scenarioText: uploaded.text, scenarioFile: uploaded.file } : { scenario: select.value }),
    seats: () => (select.value === UPLOAD_VALUE && uploaded ? uploaded.seats : (listings.find((x) => x.name === select.value)?.seats ?? [])),
    onChange: (cb) => void changed.push(cb),
  };
}
