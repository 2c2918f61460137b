import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DisposableStore, toDisposable } from '../../../src/core/lifecycle';

test('DisposableStore disposes in reverse order and survives a failing item', () => {
  const order: string[] = [];
  const store = new DisposableStore();
  store.add(toDisposable(() => order.push('a')));
  store.add({ dispose: () => { throw new Error('boom'); } });
  store.add(toDisposable(() => order.push('c')));
  const warn = console.warn;
  console.warn = () => {};
  try { store.dispose(); } finally { console.warn = warn; }
  assert.deepEqual(order, ['c', 'a']);
});

test('DisposableStore disposes late arrivals at once', () => {
  const store = new DisposableStore();
  store.dispose();
  let disposed = false;
  store.add(toDisposable(() => { disposed = true; }));
  assert.equal(disposed, true);
});
