// State hashing: canonical JSON (object keys sorted at every level) fed through two independent
// 32-bit lanes, so equal hashes mean byte-identical games regardless of key insertion order.

/** JSON with object keys sorted at every level; undefined properties are skipped like JSON.stringify. */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  write(value, out);
  return out.join("");
}

function write(v: unknown, out: string[]): void {
  if (v === null || typeof v !== "object") {
    out.push(v === undefined ? "null" : JSON.stringify(v) ?? "null");
    return;
  }
  if (Array.isArray(v)) {
    out.push("[");
    for (let i = 0; i < v.length; i++) {
      if (i > 0) out.push(",");
      write(v[i], out);
    }
    out.push("]");
    return;
  }
  const rec = v as Record<string, unknown>;
  const keys = Object.keys(rec).sort();
  out.push("{");
  let first = true;
  for (const k of keys) {
    const x = rec[k];
    if (x === undefined) continue;
    if (!first) out.push(",");
    first = false;
    out.push(JSON.stringify(k), ":");
    write(x, out);
  }
  out.push("}");
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
