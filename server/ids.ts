// Identifiers and secrets: game ids, join codes and seat tokens. Tokens are stored hashed, so a
// copy of the database does not let anyone take a seat.
import { createHash, randomBytes, randomInt } from "node:crypto";

/** Letters and digits a person cannot confuse when reading a code aloud (no 0/O, 1/I/L). */
const UNAMBIGUOUS = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

/** `length` characters drawn uniformly (randomInt has no modulo bias) from `alphabet`. */
function pick(alphabet: string, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** A new game id; also the Colyseus room id. */
export const newGameId = (): string => pick(ID_ALPHABET, 10);

/** Characters in a join code: 31^10 is about 2^49, and failed look-ups are rate-limited per address. */
export const JOIN_CODE_LENGTH = 10;

/** A code for private games, e.g. "K7QX2MPA9R" (shown as K7QX2-MPA9R). */
export const newJoinCode = (): string => pick(UNAMBIGUOUS, JOIN_CODE_LENGTH);

/** A team's code for joining a held seat (the seat holders and the facilitator see it): about 2^59. */
export const newTeamCode = (): string => pick(UNAMBIGUOUS, 12);

/** A game's default seed: 128 random bits, secret until the game ends (the facilitator sees it). */
export const newSeed = (): string => randomBytes(16).toString("hex");

/** A join code as a person may type it: case and separators do not matter. */
export const normaliseJoinCode = (code: string): string => code.toUpperCase().replace(/[^A-Z0-9]/g, "");

/** A seat credential token: 192 random bits. */
export const newToken = (): string => randomBytes(24).toString("base64url");

/** What the store keeps instead of the token. */
export const hashToken = (token: string): string => createHash("sha256").update(token).digest("hex");
