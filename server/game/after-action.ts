// The after-action report: one self-contained HTML page (inline CSS and SVG charts, no script, no
// network) a class can read, print or save as PDF from the browser. Built from the stored game
// (a Dossier) with every secret revealed: standings as a share of each seat's maximum, what each
// seat was secretly after, the turning points, charts of the key indicators, then a timeline of
// every turn (orders, proposals and answers, Security Council votes by member, events and
// injects, the facilitator's actions with their reasons, indicator changes with their causes,
// and what really happened that month), and the scenario's real figures beside the game's (those
// after a short game's last month say what really happened next: shared/analysis/real-figures.ts).
import { attainmentPercent, causeText, entryHeadline, fullName, isRulingEntry, measure, moveHeadline, objectiveStatus, percent, standings, subjectLabel, type Rules } from "../../shared/engine/index.ts";
import type { ActorId, Explanation, GameState, ReportEntry, ScoreCard } from "../../shared/engine/index.ts";
import { measuredTurn, realFigures, REAL_FIGURE_WORDS, type GameFigures, type RealFigureRow } from "../../shared/analysis/real-figures.ts";
import { turningPoints } from "../../shared/analysis/turning-points.ts";
import { turnOfMonth } from "../../shared/scenario/calendar.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";
import { controlLog, type ControlEntry } from "./control-log.ts";
import type { Dossier, DossierTurn } from "./dossier.ts";
import type { EnginePort } from "./engine-port.ts";
import { esc, lineChartSvg, type ChartSeries } from "./svg-chart.ts";

const num = (x: number): string => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2));
const signed = (x: number): string => `${x >= 0 ? "+" : "−"}${num(Math.abs(x))}`;
const time = (ms: number): string => new Date(ms).toISOString().replace("T", " ").slice(0, 16) + " UTC";

/** How many indicator changes each turn lists with their causes (the CSV has every number). */
const CHANGES_PER_TURN = 10;

const CSS = `
body{font-family:"DejaVu Sans","Liberation Sans",Arial,sans-serif;color:#1b1f24;max-width:60rem;margin:1.5rem auto;padding:0 1rem;line-height:1.45;font-size:14px}
h1{font-size:1.7rem;margin:.2rem 0}h2{font-size:1.3rem;border-bottom:2px solid #0072b2;padding-bottom:.2rem;margin-top:2rem}
h3{font-size:1.1rem;margin:1.2rem 0 .4rem}h4{font-size:.95rem;margin:.8rem 0 .2rem;color:#333}
.meta{color:#555}table{border-collapse:collapse;width:100%;margin:.4rem 0}th,td{border:1px solid #ccd3da;padding:.25rem .4rem;text-align:left;vertical-align:top}
th{background:#eef2f6}td.n{text-align:right;font-variant-numeric:tabular-nums}table.observations td.n{white-space:nowrap}.bar{display:inline-block;height:.6rem;background:#0072b2;vertical-align:middle}
.met{color:#006b4f}.partial{color:#8a6d00}.none{color:#a33b00}.secret{font-size:.8em;background:#f3e6f5;border-radius:3px;padding:0 .3rem}
.turn{border-top:1px solid #ccd3da;margin-top:1.5rem;page-break-inside:auto}.turn>h3{background:#eef2f6;padding:.3rem .5rem}
.control{background:#fff6e0;border-left:4px solid #e69f00;padding:.3rem .6rem;margin:.4rem 0}.reason{font-style:italic}
.reality{background:#eef6fb;border-left:4px solid #56b4e9;padding:.3rem .6rem;margin:.4rem 0}
.vetoed,.failed,.rejected{color:#a33b00}.passed,.accepted{color:#006b4f}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(26rem,100%),1fr));gap:.6rem}.wide{overflow-x:auto}.member{white-space:nowrap}
svg.chart{width:100%;height:auto;background:#fff;border:1px solid #e2e7ec}svg .grid{stroke:#e2e7ec}svg .axis{font-size:10px;fill:#555}
svg .chart-title{font-size:12px;font-weight:bold;fill:#1b1f24}svg .series-label{font-size:10px;font-weight:bold}
ul.causes{margin:.1rem 0 .3rem;padding-left:1.2rem;color:#444}.muted{color:#666}
nav ol{columns:2}
@media (max-width:600px){body{font-size:13px}nav ol{columns:1}table.standings,table.standings tbody,table.standings tr,table.standings td,table.standings th{display:block;border:0}table.standings tr{border-top:1px solid #ccd3da;padding:.3rem 0}table.standings thead{display:none}table.standings td.n{text-align:left}table.observations,table.observations tbody,table.observations td,table.observations th{display:block;border:0;padding:.1rem 0}table.observations thead{display:none}table.observations tr{display:flex;flex-direction:column;border-top:1px solid #ccd3da;padding:.3rem 0}table.observations th{order:-1}table.observations td.n{text-align:left;white-space:normal}table.observations td[data-label]::before{content:attr(data-label) ": ";font-weight:bold;color:#555}}
@media print{body{max-width:none;margin:0;font-size:11px}h2{page-break-after:avoid}h3{page-break-after:avoid}.turn{page-break-inside:avoid}a{color:inherit;text-decoration:none}nav{display:none}.charts{display:block}svg.chart{page-break-inside:avoid;margin-bottom:.4rem}}
`;

interface Section {
  id: string;
  title: string;
  html: string;
}

/** Score cards of every seat in a state, secrets included. */
const cardsOf = (engine: EnginePort, rules: Rules, st: GameState): Record<ActorId, ScoreCard> => engine.viewFor(rules, st, "facilitator").scores;

function standingsSection(sc: Scenario, cards: Record<ActorId, ScoreCard>, over: boolean): string {
  const rows = standings(cards, true);
  const lines = rows
    .map((r) => {
      const card = cards[r.seat]!;
      const objs = card.objectives
        .map((o) => {
          const st = objectiveStatus(o);
          const mark = { met: "✔", partial: "◐", none: "✕" }[st];
          return `<li class="${st}">${mark} ${esc(o.label)}${o.secret ? ' <span class="secret">secret</span>' : ""} — ${num(o.points)} of ${num(o.max)} pts (${attainmentPercent(o)})</li>`;
        })
        .join("");
      return `<tr data-seat="${esc(r.seat)}"><td class="n">${r.rank}</td><th scope="row">${esc(fullName(sc, r.seat))}</th><td class="n">${percent(r.share)} <span class="bar" style="width:${Math.round(r.share * 80)}px"></span></td><td class="n">${num(r.points)} / ${num(r.max)}</td><td><ul>${objs}</ul></td></tr>`;
    })
    .join("");
  return `<p class="meta">${over ? "Final standings" : "Standings now"}, every objective counted (secret ones included), as a share of each country's maximum: countries have different maxima, so points alone do not compare.</p>
<table class="standings"><thead><tr><th>#</th><th>Country</th><th>Share of maximum</th><th>Points</th><th>Objectives</th></tr></thead><tbody>${lines}</tbody></table>`;
}

function secretsSection(sc: Scenario, cards: Record<ActorId, ScoreCard>): string {
  const items = Object.values(cards)
    .map((c) => {
      const secret = c.objectives.filter((o) => o.secret);
      return `<dt><strong>${esc(fullName(sc, c.seat))}</strong></dt><dd>${secret.length === 0 ? "No secret objective." : secret.map((o) => `${esc(o.label)} (${o.met ? "met" : attainmentPercent(o)})`).join("; ")}</dd>`;
    })
    .join("");
  return `<dl>${items}</dl>`;
}

function chartsSection(sc: Scenario, d: Dossier, cards: Record<ActorId, ScoreCard>): string {
  const points = [d.initialPoint, ...d.turns.map((t) => t.point)];
  const seats = Object.keys(cards);
  const charts: string[] = [];
  const shares: ChartSeries[] = seats.map((s) => ({
    label: fullName(sc, s),
    points: points.map((p) => ({ x: p.turn, y: (cards[s]!.max || 1) > 0 ? (p.scores[s] ?? 0) / (cards[s]!.max || 1) : 0 })),
  }));
  charts.push(lineChartSvg("Share of each country's maximum (all objectives)", shares, { yRange: [0, 1], percent: true }));
  const unchanged: string[] = [];
  for (const [id, def] of Object.entries(sc.world)) {
    const values = points.map((p) => p.world[id] ?? 0);
    if (values.every((v) => v === values[0])) {
      unchanged.push(`${def.label} (${num(values[0] ?? 0)})`);
      continue;
    }
    const series: ChartSeries[] = [{ label: def.label.length > 18 ? `${def.label.slice(0, 17)}…` : def.label, points: points.map((p) => ({ x: p.turn, y: p.world[id] ?? 0 })) }];
    const range: [number, number] | undefined = def.min !== undefined && def.max !== undefined ? [def.min, def.max] : undefined;
    charts.push(lineChartSvg(def.label, series, { yRange: range }));
  }
  for (const ind of ["stability", "growth", "standing"]) {
    if (!sc.indicators[ind]) continue;
    const series = seats.map((s) => ({ label: fullName(sc, s), points: points.map((p) => ({ x: p.turn, y: p.actors[s]?.[ind] ?? 0 })) }));
    charts.push(lineChartSvg(`${sc.indicators[ind]!.label}${sc.indicators[ind]!.unit ? ` (${sc.indicators[ind]!.unit})` : ""}`, series));
  }
  return `<div class="charts">${charts.join("")}</div>${unchanged.length ? `<p class="muted">Unchanged all game: ${esc(unchanged.join("; "))}.</p>` : ""}`;
}

function ordersHtml(sc: Scenario, st: GameState): string {
  const rows = Object.entries(st.orders)
    .filter(([, list]) => list.length > 0)
    .map(([seat, list]) => `<li data-seat="${esc(seat)}"><strong>${esc(fullName(sc, seat))}:</strong> ${list.map((o) => esc(moveHeadline(sc, o.move, seat, o) ?? o.move)).join(" · ")}</li>`);
  return rows.length ? `<ul class="orders">${rows.join("")}</ul>` : `<p class="muted">No orders.</p>`;
}

function proposalsHtml(sc: Scenario, t: DossierTurn): string {
  const deals = t.beforeResolution.proposals.filter((p) => p.kind === "deal");
  if (deals.length === 0) return `<p class="muted">No deals proposed.</p>`;
  const outcome = new Map(t.report.entries.filter((e) => e.kind === "deal").map((e) => [`${e.actor}:${e.id}:${e.target ?? ""}`, e.outcome] as const));
  return `<ul class="proposals">${deals
    .map((p) => {
      const answer = p.answers[p.to[0] ?? ""];
      const out = outcome.get(`${p.from}:${p.order.move}:${p.order.target ?? ""}`);
      return `<li>${esc(fullName(sc, p.from))} proposed to ${esc(p.to.map((x) => fullName(sc, x)).join(", "))}: ${esc(moveHeadline(sc, p.order.move, p.from, p.order) ?? p.order.move)} — answer: <strong class="${esc(answer === "accept" ? "accepted" : "rejected")}">${esc(answer ?? "no answer (declined by default)")}</strong>${out ? ` (${esc(out)})` : ""}</li>`;
    })
    .join("")}</ul>`;
}

function votesHtml(sc: Scenario, entries: ReportEntry[]): string {
  const drafts = entries.filter((e) => e.kind === "council" && e.votes);
  if (drafts.length === 0) return "";
  return drafts
    .map((e) => {
      const byVote = new Map<string, string[]>();
      for (const [member, vote] of Object.entries(e.votes ?? {})) byVote.set(vote, [...(byVote.get(vote) ?? []), member]);
      const rows = ["veto", "no", "abstain", "yes"]
        .filter((v) => byVote.has(v))
        .map((v) => `<tr data-vote="${v}"><th scope="row">${v} (${byVote.get(v)!.length})</th><td>${byVote.get(v)!.map((m) => `<span class="member" data-member="${esc(m)}">${esc(fullName(sc, m))}</span>`).join(", ")}</td></tr>`)
        .join("");
      return `<div class="vote"><p><strong>Security Council:</strong> ${esc(entryHeadline(sc, e))} — <strong class="${esc(e.outcome ?? "")}">${esc(e.outcome ?? "")}</strong></p>
<table class="votes"><thead><tr><th>Vote</th><th>Members</th></tr></thead><tbody>${rows}</tbody></table></div>`;
    })
    .join("");
}

function eventsHtml(sc: Scenario, entries: ReportEntry[]): string {
  const list = entries.filter((e) => e.kind === "event" || e.kind === "inject" || e.kind === "option");
  if (list.length === 0) return "";
  return `<h4>Events and injects</h4><ul class="events">${list
    .map((e) => `<li>${e.kind === "inject" && !isRulingEntry(e) ? "<strong>Inject:</strong> " : ""}${esc(entryHeadline(sc, e))}${e.text ? ` — <span class="muted">${esc(e.text)}</span>` : ""}</li>`)
    .join("")}</ul>`;
}

function newsHtml(sc: Scenario, entries: ReportEntry[]): string {
  const list = entries.filter((e) => e.kind === "move" || e.kind === "deal" || e.kind === "discovery" || e.kind === "dynamic");
  if (list.length === 0) return "";
  return `<h4>What happened</h4><ul class="news">${list
    .map((e) => `<li>${esc(entryHeadline(sc, e))}${e.covert ? ' <span class="secret">covert</span>' : ""}${e.outcome ? ` <span class="${esc(e.outcome)}">(${esc(e.outcome)})</span>` : ""}</li>`)
    .join("")}</ul>`;
}

/** The turn's largest indicator changes (as a share of their range or size) with their causes. */
function changesHtml(sc: Scenario, explanations: Explanation[]): string {
  const size = (x: Explanation): number => {
    const [scope, id] = x.subject.split(".");
    const def = scope === "world" ? sc.world[id ?? ""] : id ? sc.indicators[id] : undefined;
    const range = def && def.min !== undefined && def.max !== undefined ? def.max - def.min : 0;
    const d = Math.abs(x.after - x.before);
    return range > 0 ? d / range : d / Math.max(Math.abs(x.before), Math.abs(x.after), 1e-9);
  };
  const list = explanations
    .filter((x) => x.before !== x.after && !x.subject.startsWith("influence:"))
    .sort((a, b) => size(b) - size(a))
    .slice(0, CHANGES_PER_TURN);
  if (list.length === 0) return "";
  return `<h4>Indicator changes and why</h4><div class="wide"><table class="changes"><thead><tr><th>Indicator</th><th>Before</th><th>After</th><th>Why</th></tr></thead><tbody>${list
    .map((x) => {
      const causes = x.causes
        .slice()
        .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta))
        .slice(0, 4)
        .map((c) => `<li>${esc(causeText(sc, c))} ${esc(signed(c.delta))}</li>`)
        .join("");
      return `<tr><th scope="row">${esc(subjectLabel(sc, x.subject))}</th><td class="n">${esc(num(x.before))}</td><td class="n">${esc(num(x.after))}</td><td><ul class="causes">${causes}</ul></td></tr>`;
    })
    .join("")}</tbody></table></div>`;
}

function controlHtml(entries: ControlEntry[]): string {
  if (entries.length === 0) return "";
  return entries
    .map((c) => `<div class="control" data-kind="${esc(c.kind)}"><strong>Control</strong> (${esc(c.who)}, ${esc(time(c.at))}): ${esc(c.what)}${c.reason ? ` — <span class="reason">reason: ${esc(c.reason)}</span>` : ""}</div>`)
    .join("");
}

/** The scenario's dated history that falls in a turn's month. */
function realityHtml(sc: Scenario, turn: number): string {
  const items = sc.history.filter((x) => String(x.date).length >= 7 && turnOfMonth(sc.start, sc.turns.length, String(x.date).slice(0, 7)) === turn);
  if (items.length === 0) return "";
  return items
    .map((x) => `<div class="reality"><strong>Meanwhile, in reality (${esc(x.date)}):</strong> ${esc(x.title)}. ${esc(x.text)}${x.source ? ` <span class="muted">Source: ${esc(x.source)}</span>` : ""}</div>`)
    .join("");
}

function turnSection(sc: Scenario, t: DossierTurn, control: ControlEntry[]): string {
  const entries = t.report.entries;
  return `<section class="turn" id="turn-${t.turn}" data-turn="${t.turn}"><h3>Turn ${t.turn} · ${esc(t.date)}</h3>
${controlHtml(control)}
<h4>Orders (revealed)</h4>${ordersHtml(sc, t.beforeResolution)}
<h4>Proposals and answers</h4>${proposalsHtml(sc, t)}
${votesHtml(sc, entries)}
${eventsHtml(sc, entries)}
${newsHtml(sc, entries)}
${changesHtml(sc, t.report.explanations)}
${realityHtml(sc, t.turn)}</section>`;
}

/** What this game measured for each of the scenario's real figures (also served as real-figures.json). */
export function gameFigures(d: Dossier): GameFigures {
  const sc = d.rules.scenario;
  const lastTurn = d.turns.at(-1)?.turn ?? 0;
  const values = sc.observations.map((o) => {
    const turn = measuredTurn(sc, o.date, lastTurn);
    const t = turn === null ? undefined : d.turns.find((x) => x.turn === turn);
    if (!t) return null;
    const m = measure(d.rules, t.after, String(o.measure));
    return m.ok && (typeof m.value === "number" || typeof m.value === "boolean") ? Number(m.value) : null;
  });
  return { lastTurn, over: d.over, values };
}

/** The real figures within the game beside its value that month, then those after it: what really happened. */
function observationsSection(d: Dossier): string {
  const sc = d.rules.scenario;
  const f = realFigures(sc, gameFigures(d));
  const W = REAL_FIGURE_WORDS;
  const cell = (label: string, html: string, cls = ""): string => `<td data-label="${esc(label)}"${cls ? ` class="${cls}"` : ""}>${html}</td>`;
  const source = (r: RealFigureRow): string => cell(W.source, esc(r.source), "muted");
  const within = f.within.rows.length
    ? `<h3>${esc(f.within.title)}</h3><div class="wide"><table class="observations within"><thead><tr><th>${W.month}</th><th>${W.figure}</th><th>${W.real}</th><th>${W.game}</th><th>${W.source}</th></tr></thead><tbody>${f.within.rows
        .map((r) => `<tr>${cell(W.month, esc(r.month))}<th scope="row">${esc(r.label)}</th>${cell(W.real, esc(r.real), "n")}${cell(W.game, `${esc(r.game)}${r.gap ? ` <span class="muted">(${esc(r.gap)})</span>` : ""}`, "n")}${source(r)}</tr>`)
        .join("")}</tbody></table></div>`
    : "";
  const gameColumn = f.later.gameColumn;
  const later = f.later.rows.length
    ? `<h3>${esc(f.later.title)}</h3><div class="wide"><table class="observations later"><thead><tr><th>${W.month}</th><th>${W.figure}</th><th>${W.real}</th>${gameColumn ? `<th>${esc(gameColumn)}</th>` : ""}<th>${W.source}</th></tr></thead><tbody>${f.later.rows
        .map((r) => `<tr>${cell(W.month, esc(r.month))}<th scope="row">${esc(r.label)}</th>${cell(W.real, esc(r.real), "n")}${gameColumn ? cell(gameColumn, esc(r.game), "n") : ""}${source(r)}</tr>`)
        .join("")}</tbody></table></div>`
    : "";
  return `<p class="meta">${esc(f.intro)}</p>${within}${later}`;
}

function historySection(sc: Scenario): string {
  if (sc.history.length === 0) return "";
  return `<ol class="history">${sc.history.map((x) => `<li><strong>${esc(x.date)} — ${esc(x.title)}.</strong> ${esc(x.text)}${x.source ? ` <span class="muted">(${esc(x.source)})</span>` : ""}</li>`).join("")}</ol>`;
}

/** The after-action report of a stored game as one HTML document. `now` stamps it. */
export function afterActionHtml(engine: EnginePort, d: Dossier, now: number): string {
  const sc = d.rules.scenario;
  const cards = cardsOf(engine, d.rules, d.current);
  const control = controlLog(sc, d.actions);
  const people = [...d.people.entries()].map(([seat, names]) => `${esc(fullName(sc, seat))}: ${esc(names.join(", "))}`).join("; ");
  const points = turningPoints(sc, d.turns.map((t) => t.report), [d.initialPoint, ...d.turns.map((t) => t.point)], 6);
  const sections: Section[] = [
    { id: "standings", title: d.over ? "Final standings" : "Standings so far", html: standingsSection(sc, cards, d.over) },
    { id: "secrets", title: "What each country was secretly trying to do", html: secretsSection(sc, cards) },
    {
      id: "turning-points",
      title: "Turning points",
      html: points.length
        ? `<ol class="turning">${points.map((p) => `<li><strong>Turn ${p.turn} · ${esc(p.date)}:</strong> ${esc(p.headline)}${p.detail ? ` <span class="muted">— ${esc(p.detail)}</span>` : ""}</li>`).join("")}</ol>`
        : `<p class="muted">No turn has resolved yet.</p>`,
    },
    { id: "charts", title: "Key indicators", html: chartsSection(sc, d, cards) },
    {
      id: "timeline",
      title: "Timeline, turn by turn",
      html:
        (control.filter((c) => c.turn < 1).length ? controlHtml(control.filter((c) => c.turn < 1)) : "") +
        (d.turns.length ? d.turns.map((t) => turnSection(sc, t, control.filter((c) => c.turn === t.turn))).join("") : `<p class="muted">No turn has resolved yet.</p>`) +
        (control.some((c) => c.turn > (d.turns[d.turns.length - 1]?.turn ?? 0))
          ? `<section class="turn"><h3>Turn ${d.record.turn} (not resolved yet)</h3>${controlHtml(control.filter((c) => c.turn > (d.turns[d.turns.length - 1]?.turn ?? 0)))}</section>`
          : ""),
    },
    { id: "reality", title: REAL_FIGURE_WORDS.title, html: observationsSection(d) },
    { id: "history", title: "What actually happened (the scenario's historical notes)", html: historySection(sc) },
  ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>After-action report — ${esc(d.record.name)} (${esc(sc.title)})</title>
<style>${CSS}</style></head>
<body>
<header><p class="meta">Faultline · after-action report</p><h1>${esc(d.record.name)}</h1>
<p class="meta">${esc(sc.title)} · ${d.turns.length} of ${sc.turns.count} turns played${d.over ? " · game over" : " · game in progress"} · seed ${esc(d.record.seed)} · made ${esc(time(now))}</p>
${people ? `<p class="meta">People: ${people}</p>` : ""}
<p class="meta">Secret objectives and every order are shown: this report is for the debrief.</p></header>
<nav aria-label="Contents"><ol>${sections.map((s) => `<li><a href="#${s.id}">${esc(s.title)}</a></li>`).join("")}</ol></nav>
${sections.map((s) => `<section id="${s.id}"><h2>${esc(s.title)}</h2>${s.html}</section>`).join("\n")}
</body></html>`;
}
