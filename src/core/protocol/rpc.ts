import { VoxelError, toPayload, type ErrorPayload } from '../errors';

/**
 * One envelope for every host ↔ webview and page ↔ worker conversation: events one way, requests answered by
 * exactly one reply (a result or an ErrorPayload). `M` maps method names to { args; result } so both ends are
 * type-checked.
 */
export type MethodMap = Record<string, { args: unknown; result: unknown }>;

export type Envelope<E> =
  | { kind: 'event'; event: E }
  | { kind: 'request'; requestId: number; method: string; args: unknown }
  | { kind: 'reply'; replyTo: number; ok: true; result: unknown }
  | { kind: 'reply'; replyTo: number; ok: false; error: ErrorPayload };

/** Sends a message; `transfer` lists ArrayBuffers to move rather than copy where the channel supports it. */
export type PostFn = (message: unknown, transfer?: Transferable[]) => void;

export type Handlers<M extends MethodMap> = {
  [K in keyof M]?: (args: M[K]['args']) => Promise<M[K]['result']> | M[K]['result'];
};

/** An error that came back across a channel: the code survives, the class does not. */
export class RemoteError extends VoxelError {
  override readonly name = 'RemoteError';
}

const transfers = new WeakMap<object, Transferable[]>();

/** Marks a handler's result (or an event) so its buffers are moved, not copied, when posted. Returns `value`. */
export function withTransfer<T extends object>(value: T, list: Transferable[]): T {
  transfers.set(value, list);
  return value;
}

export class RpcEndpoint<Out extends MethodMap, In extends MethodMap, OutEvent, InEvent> {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  private readonly eventListeners = new Set<(e: InEvent) => void>();
  private handlers: Handlers<In> = {};
  private closed = false;
  private closedReason: ErrorPayload = { code: 'channel-closed', message: 'The view was closed before it answered.' };

  constructor(private readonly post: PostFn) {}

  /** Feed every message that arrives on the channel here. Unknown shapes are ignored. */
  receive(message: unknown): void {
    if (!isEnvelope(message)) return;
    switch (message.kind) {
      case 'event':
        for (const l of this.eventListeners) l(message.event as InEvent);
        return;
      case 'reply': {
        const p = this.pending.get(message.replyTo);
        if (!p) return;
        this.pending.delete(message.replyTo);
        if (message.ok) p.resolve(message.result);
        else p.reject(new RemoteError(message.error.code, message.error.message));
        return;
      }
      case 'request':
        void this.answer(message.requestId, message.method, message.args);
        return;
    }
  }

  emit(event: OutEvent, transfer?: Transferable[]): void {
    const list = transfer ?? (typeof event === 'object' && event !== null ? transfers.get(event) : undefined);
    if (!this.closed) this.post({ kind: 'event', event } satisfies Envelope<OutEvent>, list);
  }

  onEvent(listener: (e: InEvent) => void): { dispose(): void } {
    this.eventListeners.add(listener);
    return { dispose: () => this.eventListeners.delete(listener) };
  }

  setHandlers(handlers: Handlers<In>): void {
    this.handlers = handlers;
  }

  request<K extends keyof Out & string>(method: K, args: Out[K]['args'], transfer?: Transferable[]): Promise<Out[K]['result']> {
    if (this.closed) return Promise.reject(new RemoteError(this.closedReason.code, this.closedReason.message));
    const requestId = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(requestId, { resolve: resolve as (v: unknown) => void, reject });
      this.post({ kind: 'request', requestId, method, args } satisfies Envelope<OutEvent>, transfer);
    });
  }

  /** Rejects every pending request (with `reason`, by default "closed"); later sends are dropped. */
  close(reason: ErrorPayload = { code: 'channel-closed', message: 'The view was closed before it answered.' }): void {
    this.closed = true;
    this.closedReason = reason;
    for (const p of this.pending.values()) p.reject(new RemoteError(reason.code, reason.message));
    this.pending.clear();
    this.eventListeners.clear();
  }

  private async answer(requestId: number, method: string, args: unknown): Promise<void> {
    const handler = (this.handlers as Record<string, ((a: unknown) => unknown) | undefined>)[method];
    try {
      if (!handler) throw new RemoteError('rpc-unknown-method', `No handler for "${method}".`);
      const result = await handler(args);
      const transfer = typeof result === 'object' && result !== null ? transfers.get(result) : undefined;
      if (!this.closed) this.post({ kind: 'reply', replyTo: requestId, ok: true, result } satisfies Envelope<OutEvent>, transfer);
    } catch (e) {
      if (!this.closed) this.post({ kind: 'reply', replyTo: requestId, ok: false, error: errorPayloadOf(e) } satisfies Envelope<OutEvent>);
    }
  }
}

function errorPayloadOf(e: unknown): ErrorPayload {
  if (e instanceof VoxelError) return toPayload(e);
  return { code: 'internal', message: e instanceof Error ? `Unexpected failure: ${e.message}` : 'Unexpected failure.' };
}

function isEnvelope(m: unknown): m is Envelope<unknown> {
  if (typeof m !== 'object' || m === null) return false;
  const kind = (m as { kind?: unknown }).kind;
  return kind === 'event' || kind === 'request' || kind === 'reply';
}
