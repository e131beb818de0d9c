// Fetches the debrief's exports and replay frames over HTTP with the seat credential as a bearer
// token (a link cannot carry it, so downloads go through a Blob).
import { exportPath, replayPath, EXPORTS, type ExportKind, type ReplayFrame, type ReplayViewer } from "../../../shared/debrief-wire.ts";
import type { SeatCredential } from "../../../shared/protocol.ts";
import type { GameFigures } from "../../../shared/analysis/real-figures.ts";

async function get(url: string, credential: SeatCredential): Promise<Response> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${credential.token}` } });
  if (!res.ok) {
    let message = `HTTP ${res.status}`;
    try {
      const body = (await res.json()) as { message?: string };
      if (body.message) message = body.message;
    } catch {
      // not JSON: keep the status
    }
    throw new Error(message);
  }
  return res;
}

/** Downloads an export as a file named after the game; resolves with the file name. */
export async function downloadExport(base: string, credential: SeatCredential, kind: ExportKind): Promise<string> {
  const res = await get(`${base}${exportPath(credential.gameId, kind)}`, credential);
  const blob = await res.blob();
  const name = `faultline-${credential.gameId}-${EXPORTS[kind]}`;
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
  return name;
}

/** One frame of the replay. */
export async function fetchReplayFrame(base: string, credential: SeatCredential, turn: number, as: ReplayViewer): Promise<ReplayFrame> {
  const res = await get(`${base}${replayPath(credential.gameId, turn, as)}`, credential);
  return (await res.json()) as ReplayFrame;
}

/** What the game measured for each of the scenario's real figures (the end screen sets them beside the real ones). */
export async function fetchRealFigures(base: string, credential: SeatCredential): Promise<GameFigures> {
  const res = await get(`${base}${exportPath(credential.gameId, "figures")}`, credential);
  return (await res.json()) as GameFigures;
}
