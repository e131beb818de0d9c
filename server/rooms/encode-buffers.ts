// The state encoder's scratch buffers, shared by every room of the process. Colyseus gives each
// room two of its own (the patch buffer and the full-state buffer, Encoder.BUFFER_SIZE each, the
// patch one doubled by the first per-viewer encode): at the 512 KB a full state once needed that
// was 1.5 MB per room, most of a room's memory. Encoding is synchronous and what goes to a
// connection is copied out of the scratch (every connection here has a StateView, and a view's
// frame is a fresh concatenation), so one buffer per process serves every room.
import { Protocol, SchemaSerializer, type Client } from "@colyseus/core";
import type { Schema } from "@colyseus/schema";

/**
 * Room of the shared buffers at the start: a late joiner's full state at the last turn of the
 * shipped scenario is ~80 KB. They grow (and stay grown) if a state ever needs more; each growth
 * is one warning from @colyseus/schema, once per process, not per room.
 */
const INITIAL_BYTES = 256 * 1024;

const pool: { patch: Uint8Array; full: Uint8Array; fullOwner: object | undefined } = {
  patch: new Uint8Array(INITIAL_BYTES),
  full: new Uint8Array(INITIAL_BYTES),
  /** The serializer whose full state the full buffer holds (its cache is void for the others). */
  fullOwner: undefined,
};

/** The buffers every room's serializer encodes into (for tests: they are the same for all rooms). */
export function sharedEncodeBuffers(): { patch: ArrayBufferLike; full: ArrayBufferLike } {
  return { patch: pool.patch.buffer, full: pool.full.buffer };
}

/** A SchemaSerializer that encodes into the process's shared buffers instead of its own. */
export class PooledSchemaSerializer<T extends Schema> extends SchemaSerializer<T> {
  override reset(newState: T & Schema): void {
    super.reset(newState);
    this.encoder.sharedBuffer = pool.patch;
    this.fullEncodeBuffer = pool.full;
  }

  /** What the encoder buffers a room holds of its own (none once pooled; for tests). */
  ownBuffers(): ArrayBufferLike[] {
    return [this.encoder.sharedBuffer.buffer, this.fullEncodeBuffer.buffer].filter((b) => b !== pool.patch.buffer && b !== pool.full.buffer);
  }

  override applyPatches(clients: Client[], state?: unknown, timing?: Parameters<SchemaSerializer<T>["applyPatches"]>[2]): boolean {
    this.encoder.sharedBuffer = pool.patch;
    try {
      // Colyseus sends every connection a frame when anything changed, even when all that changed
      // is in other viewers' slots (a seat's orders): that frame is the patch byte alone, a socket
      // write for nothing, and most of a turn's frames. Without timed frames (heartbeats), those
      // are not sent.
      return super.applyPatches(timing ? clients : clients.map(skippingEmptyPatches), state, timing);
    } finally {
      // The encoder replaces its buffer with a larger copy when a patch overflows it: keep that one.
      const used = this.encoder.sharedBuffer;
      if (used.byteLength > pool.patch.byteLength) pool.patch = used;
      this.encoder.sharedBuffer = pool.patch;
    }
  }

  override getFullState(client?: Client, timing?: Parameters<SchemaSerializer<T>["getFullState"]>[1]): ReturnType<SchemaSerializer<T>["getFullState"]> {
    // Another room's full state may have been written over this one's cached one.
    if (pool.fullOwner !== this) this.needFullEncode = true;
    pool.fullOwner = this;
    pool.full[0] = Protocol.ROOM_STATE;
    this.fullEncodeBuffer = pool.full;
    const out = super.getFullState(client, timing);
    const cache = this.fullEncodeCache;
    if (cache && cache.buffer !== pool.full.buffer && cache.buffer.byteLength > pool.full.byteLength) pool.full = new Uint8Array(cache.buffer);
    this.fullEncodeBuffer = pool.full;
    // Without a view the frame would be the cache itself, in the shared buffer: copy it.
    return out.buffer === pool.full.buffer ? out.slice() : out;
  }
}

const skipping = new WeakMap<Client, Client>();
/** The connection, sending every frame but an empty patch (the patch byte alone). */
function skippingEmptyPatches(client: Client): Client {
  let wrapped = skipping.get(client);
  if (!wrapped) {
    const raw = (frame: Uint8Array) => {
      if (frame.length > 1 || frame[0] !== Protocol.ROOM_STATE_PATCH) client.raw(frame);
    };
    wrapped = new Proxy(client, { get: (target, prop) => (prop === "raw" ? raw : Reflect.get(target, prop, target) as unknown) });
    skipping.set(client, wrapped);
  }
  return wrapped;
}
