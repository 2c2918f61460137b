import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MessageChannel } from 'node:worker_threads';
import { ImageError } from '../../../../src/core/errors';
import { RemoteError, RpcEndpoint, withTransfer } from '../../../../src/core/protocol/rpc';

type PageMethods = { twice: { args: { n: number }; result: number }; fail: { args: Record<string, never>; result: null }; buffer: { args: { size: number }; result: ArrayBuffer } };
type NoMethods = Record<never, { args: unknown; result: unknown }>;

/** Two endpoints joined by a real MessageChannel, so transfer lists behave as between a page and its worker. */
function pair() {
  const { port1, port2 } = new MessageChannel();
  const client = new RpcEndpoint<PageMethods, NoMethods, never, { type: 'tick' }>((m, t) => port1.postMessage(m, (t ?? []) as never));
  const server = new RpcEndpoint<NoMethods, PageMethods, { type: 'tick' }, never>((m, t) => port2.postMessage(m, (t ?? []) as never));
  port1.on('message', (m) => client.receive(m));
  port2.on('message', (m) => server.receive(m));
  const close = () => { port1.close(); port2.close(); };
  return { client, server, close };
}

test('a request gets its handler\'s result; events arrive', async () => {
  const { client, server, close } = pair();
  server.setHandlers({ twice: ({ n }) => n * 2 });
  const ticks: string[] = [];
  client.onEvent((e) => ticks.push(e.type));
  assert.equal(await client.request('twice', { n: 21 }), 42);
  server.emit({ type: 'tick' });
  await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(ticks, ['tick']);
  close();
});

test('a handler that throws a VoxelError answers with its code and message', async () => {
  const { client, server, close } = pair();
  server.setHandlers({ fail: () => { throw new ImageError('image-invalid-option', 'No such frame.'); } });
  await assert.rejects(client.request('fail', {}), (e: unknown) => e instanceof RemoteError && e.code === 'image-invalid-option' && e.message === 'No such frame.');
  close();
});

test('an unexpected error and an unknown method are answered too, never left pending', async () => {
  const { client, server, close } = pair();
  server.setHandlers({ fail: () => { throw new TypeError('oops'); } });
  await assert.rejects(client.request('fail', {}), (e: unknown) => e instanceof RemoteError && e.code === 'internal' && /oops/.test(e.message));
  await assert.rejects(client.request('twice', { n: 1 }), (e: unknown) => e instanceof RemoteError && e.code === 'rpc-unknown-method');
  close();
});

test('closing rejects pending requests with the reason given', async () => {
  const client = new RpcEndpoint<PageMethods, NoMethods, never, never>(() => undefined);
  const pending = client.request('twice', { n: 1 });
  client.close({ code: 'worker-crashed', message: 'The decoding worker stopped.' });
  await assert.rejects(pending, (e: unknown) => e instanceof RemoteError && e.code === 'worker-crashed');
  await assert.rejects(client.request('twice', { n: 1 }), (e: unknown) => e instanceof RemoteError && e.code === 'worker-crashed');
});

test('results marked withTransfer move their buffers: the sender\'s copy is detached (byteLength 0)', async () => {
  const { client, server, close } = pair();
  let sent: ArrayBuffer | null = null;
  server.setHandlers({
    buffer: ({ size }) => {
      const b = new ArrayBuffer(size);
      new Uint8Array(b).fill(7);
      sent = b;
      return withTransfer(b, [b]);
    },
  });
  const got = await client.request('buffer', { size: 1024 });
  assert.equal(got.byteLength, 1024);
  assert.equal(new Uint8Array(got)[1023], 7);
  assert.ok(sent);
  assert.equal((sent as ArrayBuffer).byteLength, 0, 'transferred, not copied');
  close();
});
