// Identifiers and secrets: game ids, join codes and seat tokens. Tokens are stored hashed, so a
// copy of the database does not let anyone take a seat.
import { createHash, randomBytes } from "node:crypto";

/** Letters and digits a person cannot confuse when reading a code aloud (no 0/O, 1/I/L). */
const UNAMBIGUOUS = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

function pick(alphabet: string, length: number): string {
  const bytes = randomBytes(length);
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[bytes[i]! % alphabet.length];
  return out;
}

/** A new game id; also the Colyseus room id. */
export const newGameId = (): string => pick(ID_ALPHABET, 10);

/** A short code for private games, e.g. "K7QX2M". */
export const newJoinCode = (): string => pick(UNAMBIGUOUS, 6);

/** A join code as a person may type it: case and separators do not matter. */
export const normaliseJoinCode = (code: string): string => code.toUpperCase().replace(/[^A-Z0-9]/g, "");

/** A seat credential token: 192 random bits. */
export const newToken = (): string => randomBytes(24).toString("base64url");

/** What the store keeps instead of the token. */
export const hashToken = (token: string): string => createHash("sha256").update(token).digest("hex");
