// The scenario workbench (/workbench.html): open a scenario (the server's folder, a local file or
// the example), edit it with live validation, preview its map, run bot games in a worker and read
// the report as charts, compare two versions, download the file, and start a game from it.
import "../styles.css";
import "./workbench.css";
import exampleText from "../../../scenarios/examples/two-rivals.yaml?raw";
import essequiboText from "../../../scenarios/examples/essequibo-2023.yaml?raw";

/** The examples the guide walks through, bundled so they open with or without a server. */
const EXAMPLES: Record<string, { title: string; text: string }> = {
  "two-rivals.yaml": { title: "Two Rivals: the smallest complete scenario", text: exampleText },
  "essequibo-2023.yaml": { title: "Essequibo 2023: a real crisis, sourced", text: essequiboText },
};
const EXAMPLE_PREFIX = "example:";

function examplesGroup(): HTMLElement {
  return h("optgroup", { label: "Examples" }, Object.entries(EXAMPLES).map(([file, e]) => h("option", { value: `${EXAMPLE_PREFIX}${file}` }, `${e.title} (${file})`)));
}
import type { SimulationReport } from "../../../shared/analysis/report.ts";
import type { ScenarioError } from "../../../shared/scenario/load.ts";
import { parseScenarioText } from "../../../shared/scenario/load.ts";
import { diffScenarios, renderDiff } from "../../../shared/scenario/diff.ts";
import type { ScenarioListing } from "../../../shared/protocol.ts";
import { h, replace } from "../dom.ts";
import { UPLOAD_KEY } from "../ui/scenario-picker.ts";
import { createEditor } from "./editor.ts";
import { drawMapPreview } from "./map-preview.ts";
import { drawComparison, drawReport } from "./report-view.ts";
import { simulate } from "./sim-protocol.ts";

const DRAFT_KEY = "faultline.workbench.draft";
const serverUrl = (import.meta.env["VITE_SERVER_URL"] as string | undefined) ?? "";

let fileName = "two-rivals.yaml";
let errors: ScenarioError[] = [];
let lastReport: SimulationReport | null = null;
let pinned: { text: string; name: string; report: SimulationReport | null } | null = null;
let running: { cancel(): void } | null = null;

const root = document.getElementById("app")!;
const status = h("p", { class: "form-status", id: "wb-status", role: "status" });
const fileLabel = h("span", { class: "file-name", id: "wb-file" }, fileName);
const problems = h("div", { class: "problems-box", id: "wb-problems", "aria-live": "polite" });
const mapBox = h("div", { class: "map-box", id: "wb-map" });
const reportBox = h("div", { class: "report-box", id: "wb-report" });
const compareBox = h("div", { class: "compare-box", id: "wb-compare" });
const serverSelect = h("select", { id: "wb-server-files", "aria-label": "Open a scenario: the server's files or an example" }, h("option", { value: "" }, "Open a scenario…"));
const localInput = h("input", { type: "file", id: "wb-local-file", accept: ".yaml,.yml,.json", class: "sr-only" });
const gamesInput = h("input", { type: "number", id: "wb-games", min: 1, max: 2000, value: 100, "aria-label": "Number of bot games" });
const seedInput = h("input", { id: "wb-seed", value: "1", maxlength: 32, "aria-label": "Seed" });
const levelSelect = h("select", { id: "wb-level", "aria-label": "Bot level" }, h("option", { value: "fast" }, "fast bots"), h("option", { value: "strong" }, "strong bots"));
const progress = h("progress", { id: "wb-progress", max: 100, value: 0, hidden: true, "aria-label": "Bot games run" });
const runButton = h("button", { type: "button", class: "primary", id: "wb-run" }, "Run bot games");
const editorHost = h("div", { class: "editor-host", id: "wb-editor" });

const editor = createEditor(editorHost, localStorage.getItem(DRAFT_KEY) ?? exampleText, onEdit, () => fileName);

function say(text: string, error = false): void {
  status.textContent = text;
  status.classList.toggle("error", error);
}

/** After each check (as the author types): the problems list, the map, the draft kept in the browser. */
function onEdit(text: string, found: ScenarioError[]): void {
  errors = found;
  try {
    localStorage.setItem(DRAFT_KEY, text);
  } catch {
    /* storage full or disabled: the editor still works */
  }
  replace(
    problems,
    found.length === 0
      ? h("p", { class: "ok", id: "wb-valid" }, "✓ The scenario validates.")
      : [
          h("p", { class: "error" }, `${found.length} error${found.length === 1 ? "" : "s"}:`),
          h(
            "ul",
            { class: "problems" },
            found.slice(0, 100).map((e) =>
              h(
                "li",
                {},
                h("button", { type: "button", class: "link", "data-line": e.line, onclick: () => editor.goTo(e.line, e.column) }, `line ${e.line}, column ${e.column}`),
                ` ${e.path ? `${e.path}: ` : ""}${e.message}`,
              ),
            ),
          ),
        ],
  );
  if (found.length === 0) refreshMap(text);
  // With errors the map keeps the last version that validated: say so, so it is not read as this one.
  mapBox.classList.toggle("stale", found.length > 0 && mapText !== "");
}

let mapText = "";
function refreshMap(text: string): void {
  if (text === mapText) return;
  const r = parseScenarioText(text, fileName);
  if (!r.ok) return;
  mapText = text;
  drawMapPreview(mapBox, r.value);
}

function open(text: string, name: string): void {
  fileName = name;
  fileLabel.textContent = name;
  editor.setText(text);
  lastReport = null;
  replace(reportBox);
  say(`Opened ${name}.`);
}

async function listServerFiles(): Promise<void> {
  try {
    const res = await fetch(`${serverUrl}/api/scenarios`);
    const list = (await res.json()) as ScenarioListing[];
    replace(
      serverSelect,
      h("option", { value: "" }, "Open a scenario…"),
      h("optgroup", { label: "On this server" }, list.map((l) => h("option", { value: l.file }, l.errors ? `${l.file} (does not validate)` : `${l.title} (${l.file})`))),
      examplesGroup(),
    );
  } catch {
    replace(serverSelect, h("option", { value: "" }, "No server: open an example or a local file"), examplesGroup());
  }
}

serverSelect.addEventListener("change", () => {
  const file = serverSelect.value;
  if (!file) return;
  const example = file.startsWith(EXAMPLE_PREFIX) ? EXAMPLES[file.slice(EXAMPLE_PREFIX.length)] : undefined;
  if (example) {
    open(example.text, file.slice(EXAMPLE_PREFIX.length));
    serverSelect.value = "";
    return;
  }
  void fetch(`${serverUrl}/api/scenarios/${encodeURIComponent(file)}/source`)
    .then(async (res) => (res.ok ? open(await res.text(), file) : say(`Could not open ${file} (${res.status}).`, true)))
    .catch(() => say(`Could not reach the server to open ${file}.`, true))
    .finally(() => (serverSelect.value = ""));
});
localInput.addEventListener("change", () => {
  const f = localInput.files?.[0];
  if (f) void f.text().then((t) => open(t, f.name));
  localInput.value = "";
});

function download(): void {
  const blob = new Blob([editor.text()], { type: "text/yaml" });
  const a = h("a", { href: URL.createObjectURL(blob), download: fileName });
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

function startGame(): void {
  if (errors.length > 0) {
    say("Fix the errors first: a game starts only from a scenario that validates.", true);
    return;
  }
  sessionStorage.setItem(UPLOAD_KEY, JSON.stringify({ text: editor.text(), file: fileName }));
  location.href = "/?upload=1";
}

runButton.addEventListener("click", () => {
  if (running) {
    running.cancel();
    return;
  }
  if (errors.length > 0) {
    say("Fix the errors first: bots play only a scenario that validates.", true);
    return;
  }
  const games = Math.max(1, Math.min(2000, Math.round(Number(gamesInput.value) || 100)));
  progress.hidden = false;
  progress.max = games;
  progress.value = 0;
  runButton.textContent = "Stop";
  say(`Playing ${games} bot games…`);
  const run = simulate({ text: editor.text(), games, seed: seedInput.value.trim() || "1", level: levelSelect.value === "strong" ? "strong" : "fast" }, (done, total) => {
    progress.value = done;
    progress.textContent = `${done} of ${total}`;
    say(`Playing bot games: ${done} of ${total}…`);
  });
  running = run;
  run.done
    .then(({ report, ms }) => {
      lastReport = report;
      drawReport(reportBox, report, ms);
      say(`${report.games} games played.`);
      if (pinned?.report) drawComparison(compareBox, pinned.report, report);
    })
    .catch((e: Error) => say(e.message === "stopped" ? "Stopped." : `The simulation failed: ${e.message}`, e.message !== "stopped"))
    .finally(() => {
      running = null;
      runButton.textContent = "Run bot games";
      progress.hidden = true;
    });
});

function pin(): void {
  pinned = { text: editor.text(), name: fileName, report: lastReport };
  say(`Kept this version as A${lastReport ? " with its report" : " (run the bots to compare reports)"}; edit, then compare.`);
  compare();
}

function compare(): void {
  if (!pinned) {
    replace(compareBox, h("p", { class: "hint" }, "Keep a version as A, edit, and compare it with the editor's version B."));
    return;
  }
  const a = parseScenarioText(pinned.text, `A: ${pinned.name}`);
  const b = parseScenarioText(editor.text(), `B: ${fileName}`);
  if (!a.ok || !b.ok) {
    replace(compareBox, h("p", { class: "error" }, "Both versions must validate to be compared."));
    return;
  }
  const pre = h("pre", { class: "diff", id: "wb-diff" }, renderDiff(`A (${pinned.name})`, `B (${fileName})`, diffScenarios(a.value, b.value)));
  const chart = h("div", {});
  replace(compareBox, h("div", { class: "compare-grid" }, pre, chart));
  if (pinned.report && lastReport && lastReport !== pinned.report) drawComparison(chart, pinned.report, lastReport);
  else append(chart, h("p", { class: "hint" }, "Run the bots on both versions to see their scores side by side."));
}

const append = (el: HTMLElement, child: HTMLElement): void => void el.append(child);

const section = (id: string, title: string, ...body: (HTMLElement | null)[]): HTMLElement =>
  h("section", { class: "wb-section", "aria-labelledby": `${id}-title` }, h("h2", { id: `${id}-title` }, title), ...body.filter((b): b is HTMLElement => b !== null));

replace(
  root,
  h(
    "main",
    { id: "main", class: "workbench", tabindex: -1 },
    h(
      "header",
      { class: "wb-header" },
      h("h1", {}, h("a", { href: "/" }, "Faultline"), " · Scenario workbench"),
      h(
        "div",
        { class: "wb-toolbar" },
        serverSelect,
        h("label", { class: "button", for: "wb-local-file" }, "Open a file…"),
        localInput,
        h("button", { type: "button", id: "wb-example", onclick: () => open(exampleText, "two-rivals.yaml") }, "Load the example"),
        h("button", { type: "button", id: "wb-download", onclick: download }, "Download"),
        h("button", { type: "button", class: "primary", id: "wb-start", onclick: startGame }, "Start a game from it"),
      ),
    ),
    status,
    h(
      "div",
      { class: "wb-grid" },
      h("div", { class: "wb-editor-col" }, h("p", { class: "hint" }, "Editing ", fileLabel, " — checked as you type; Ctrl-Space completes field names, and formulas as you type them."), editorHost, problems),
      h(
        "div",
        { class: "wb-side" },
        section("wb-map", "Map preview", mapBox),
        section(
          "wb-sim",
          "Bot games",
          h("div", { class: "wb-run-row" }, h("label", { for: "wb-games" }, "Games"), gamesInput, h("label", { for: "wb-seed" }, "Seed"), seedInput, levelSelect, runButton),
          progress,
          reportBox,
        ),
        section(
          "wb-cmp",
          "Compare two versions",
          h("div", { class: "wb-run-row" }, h("button", { type: "button", id: "wb-pin", onclick: pin }, "Keep this version as A"), h("button", { type: "button", id: "wb-compare-button", onclick: compare }, "Compare A with the editor")),
          compareBox,
        ),
      ),
    ),
  ),
);
compare();
void listServerFiles();
