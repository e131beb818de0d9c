// The Colyseus SDK client with one addition: a hook that runs on a room before it connects, so
// message handlers (and, in tests, a frame tap) are in place before the first frame arrives.
import { Client, type Room } from "@colyseus/sdk";

export type RoomHook = (room: Room) => void;

/** One SDK client per join: the hook applies to the room(s) this instance creates. */
export class HookedClient extends Client {
  constructor(
    url: string,
    private hook: RoomHook,
  ) {
    super(url);
  }

  protected override createRoom<T>(roomName: string, rootSchema?: Parameters<Client["joinById"]>[2]): Room<any, T> {
    const room = super.createRoom<T>(roomName, rootSchema as never);
    this.hook(room as Room);
    return room;
  }
}

/** Wraps a room's frame handler so `tap` sees every raw frame the server sent (tests, bench). */
export function tapFrames(room: Room, tap: (bytes: Uint8Array) => void): void {
  const r = room as unknown as { onMessageCallback(ev: { data: ArrayBuffer }): void };
  const original = r.onMessageCallback.bind(room);
  r.onMessageCallback = (ev) => {
    tap(new Uint8Array(ev.data));
    original(ev);
  };
}
