// State hashing: canonical JSON (object keys sorted at every level) fed through two independent
// 32-bit lanes, so equal hashes mean byte-identical games regardless of key insertion order.

/** JSON with object keys sorted at every level; undefined properties are skipped like JSON.stringify. */
export function canonicalJson(value: unknown): string {
  // Fast path: the native serializer, handed each object with its keys in sorted order. Objects
  // list integer-like keys first whatever their insertion order, so a state with such a key takes
  // the slow path, which writes every key in plain sorted order. The flag is this call's own.
  const seen = { integerKey: false };
  const fast = JSON.stringify(value, function (this: unknown, _key: string, v: unknown) {
    return sortKeys(v, seen);
  }) ?? "null";
  return seen.integerKey ? write(value) : fast;
}

const INTEGER_LIKE = /^(?:0|[1-9]\d*)$/;

function sortKeys(v: unknown, seen: { integerKey: boolean }): unknown {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return v;
  const rec = v as Record<string, unknown>;
  const keys = Object.keys(rec);
  let sorted = true;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    if (k.charCodeAt(0) <= 57 && INTEGER_LIKE.test(k)) seen.integerKey = true;
    if (i > 0 && keys[i - 1]! > k) sorted = false;
  }
  if (sorted) return v;
  keys.sort();
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = rec[k];
  return out;
}

// Each key's quoted form with its colon, built once: states repeat the same few hundred keys.
const quotedKeys = new Map<string, string>();
function quotedKey(k: string): string {
  let q = quotedKeys.get(k);
  if (q === undefined) {
    q = JSON.stringify(k) + ":";
    if (quotedKeys.size < 100_000) quotedKeys.set(k, q);
  }
  return q;
}

// Built by string concatenation (V8 joins the pieces lazily), the same text as before, faster.
function write(v: unknown): string {
  if (v === null) return "null";
  switch (typeof v) {
    case "number":
      return Number.isFinite(v) ? String(v) : "null";
    case "string":
      return JSON.stringify(v);
    case "boolean":
      return v ? "true" : "false";
    case "object":
      break;
    default:
      return v === undefined ? "null" : (JSON.stringify(v) ?? "null");
  }
  if (Array.isArray(v)) {
    let out = "[";
    for (let i = 0; i < v.length; i++) {
      if (i > 0) out += ",";
      out += write(v[i]);
    }
    return out + "]";
  }
  const rec = v as Record<string, unknown>;
  const keys = Object.keys(rec).sort();
  let out = "{";
  let first = true;
  for (const k of keys) {
    const x = rec[k];
    if (x === undefined) continue;
    if (!first) out += ",";
    first = false;
    out += quotedKey(k) + write(x);
  }
  return out + "}";
}

/** A 64-bit hash (16 hex digits) of a string: cyrb53-style mixing in two lanes. */
export function hashText(text: string): string {
  let h1 = 0xdeadbeef,
    h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, "0") + (h1 >>> 0).toString(16).padStart(8, "0");
}
