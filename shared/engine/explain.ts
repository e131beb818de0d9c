// Explanations: every change made during a resolution is noted with its source, merged per subject
// so a report lists, for each quantity that moved, its value before, after and each cause's share.
// The deltas of one explanation always add up to after - before (clamping is a cause of its own).
import type { ActorId, Cause, Explanation, Source, Visibility } from "./types.ts";

interface Entry {
  before: number;
  after: number;
  /** Causes and, at the same index, the source key they came from (a subject has few causes). */
  causes: Cause[];
  keys: string[];
}

const visKey = (v: Visibility): string => (v === "public" ? "public" : v.seats.join(","));

// Causes merge when they come from the same source with the same label.
function sourceKey(src: Source): string {
  return `${src.kind}|${src.id}|${src.actor ?? ""}|${src.target ?? ""}|${visKey(src.visibility)}|${src.covertId ?? ""}`;
}

/** Collects the changes of one resolution (or one facilitator inject). */
export class Recorder {
  private readonly subjects = new Map<string, Entry>();

  /** Notes that `subject` went from `before` to `after` because of `src` (labelled `label`). */
  note(subject: string, before: number, after: number, src: Source | null, label?: string): void {
    if (before === after) return;
    let e = this.subjects.get(subject);
    if (!e) {
      e = { before, after, causes: [], keys: [] };
      this.subjects.set(subject, e);
    }
    e.after = after;
    const id = src?.id ?? "rule";
    const text = label ?? src?.label ?? id;
    const key = src ? (src.key ??= sourceKey(src)) : "rule";
    const { causes, keys } = e;
    for (let i = 0; i < causes.length; i++) {
      const c = causes[i]!;
      if (keys[i] === key && c.label === text) {
        c.delta += after - before;
        return;
      }
    }
    const cause: Cause = { kind: src?.kind ?? "rule", id, label: text, delta: after - before, visibility: src?.visibility ?? "public" };
    if (src?.actor !== undefined) cause.actor = src.actor;
    if (src?.target !== undefined) cause.target = src.target;
    if (src?.covertId !== undefined) cause.covertId = src.covertId;
    causes.push(cause);
    keys.push(key);
  }

  /** Starts from explanations made earlier in the same turn (facilitator injects). */
  seed(explanations: readonly Explanation[]): void {
    for (const x of explanations) {
      this.subjects.set(x.subject, {
        before: x.before,
        after: x.after,
        causes: x.causes.map((c) => ({ ...c })),
        keys: x.causes.map((_, i) => `seed${i}`),
      });
    }
  }

  /**
   * The explanations, in the order subjects first changed; causes that net to zero are dropped. A
   * subject whose causes cancel out stays ("held at 50": an event's -4 met a subsidy's +4), so the
   * news can still say what the event did.
   */
  finish(): Explanation[] {
    const out: Explanation[] = [];
    for (const [subject, e] of this.subjects) {
      const causes = e.causes.filter((c) => Math.abs(c.delta) > 1e-12);
      if (causes.length === 0) continue;
      out.push({ subject, before: e.before, after: e.after, causes });
    }
    return out;
  }
}

/** Is a cause (or entry) with this visibility visible to `viewer`, given the discovered covert ids? */
export function visibleTo(
  visibility: Visibility,
  covertId: string | undefined,
  viewer: ActorId | "observer" | "facilitator",
  discovered: ReadonlySet<string>,
): boolean {
  if (viewer === "facilitator" || visibility === "public") return true;
  if (covertId !== undefined && discovered.has(covertId)) return true;
  return viewer !== "observer" && visibility.seats.includes(viewer);
}

/** An explanation as a viewer sees it: hidden causes merged into one "unknown causes" line. */
export function filterExplanation(
  x: Explanation,
  viewer: ActorId | "observer" | "facilitator",
  discovered: ReadonlySet<string>,
): Explanation {
  const causes: Cause[] = [];
  let hidden = 0;
  let anyHidden = false;
  for (const c of x.causes) {
    if (visibleTo(c.visibility, c.covertId, viewer, discovered)) {
      causes.push(c.covertId !== undefined && discovered.has(c.covertId) ? { ...c, visibility: "public" } : c);
    } else {
      hidden += c.delta;
      anyHidden = true;
    }
  }
  if (anyHidden) causes.push({ kind: "unknown", id: "unknown", label: "Unknown causes", delta: hidden, visibility: "public" });
  return { subject: x.subject, before: x.before, after: x.after, causes };
}
