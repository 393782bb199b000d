import type http from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';

/** Gateway opcodes used here (discord.com/developers/docs/topics/opcodes-and-status-codes). */
const Op = { dispatch: 0, heartbeat: 1, identify: 2, hello: 10, heartbeatAck: 11 } as const;
/** Long enough that tests never wait for a heartbeat, short enough to be realistic (Discord: 41250). */
const HEARTBEAT_INTERVAL_MS = 41_250;

export interface FakeGatewayOptions {
  token: string;
  url: string;
  /** READY and GUILD_CREATE payloads, sent after a valid IDENTIFY. */
  ready: Record<string, unknown>;
  guildCreate: Record<string, unknown>;
}

/** A Discord gateway on the fake's HTTP server: HELLO, IDENTIFY -> READY + GUILD_CREATE, heartbeat ACKs, dispatch. */
export function attachFakeGateway(server: http.Server, options: FakeGatewayOptions) {
  const sockets = new Set<WebSocket>();
  let sequence = 0;
  const wss = new WebSocketServer({ server, path: '/gateway' });

  const send = (socket: WebSocket, payload: Record<string, unknown>) => socket.send(JSON.stringify(payload));
  const dispatchTo = (socket: WebSocket, type: string, data: unknown) => send(socket, { op: Op.dispatch, t: type, s: ++sequence, d: data });

  wss.on('connection', (socket) => {
    send(socket, { op: Op.hello, d: { heartbeat_interval: HEARTBEAT_INTERVAL_MS } });
    socket.on('message', (raw) => {
      const payload = JSON.parse(String(raw)) as { op: number; d: { token?: string } };
      if (payload.op === Op.heartbeat) send(socket, { op: Op.heartbeatAck });
      if (payload.op !== Op.identify) return;
      // 4004: Authentication failed, as Discord closes it.
      if (payload.d.token !== options.token) return socket.close(4004, 'Authentication failed.');
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      dispatchTo(socket, 'READY', { ...options.ready, resume_gateway_url: options.url });
      dispatchTo(socket, 'GUILD_CREATE', options.guildCreate);
    });
  });

  return {
    /** Sends a dispatch event to every identified client. */
    dispatch(type: string, data: unknown) {
      for (const socket of sockets) dispatchTo(socket, type, data);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}
