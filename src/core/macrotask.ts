type Immediate = (callback: () => void) => unknown;

// Node's setImmediate is a global (no import), so this module stays free of Node built-ins.
const immediate = (globalThis as { setImmediate?: Immediate }).setImmediate;

let channel: MessageChannel | null = null;
const waiting: (() => void)[] = [];

function viaChannel(resolve: () => void): void {
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => waiting.shift()?.();
  }
  waiting.push(resolve);
  channel.port2.postMessage(null);
}

/**
 * Resolves on a later turn of the event loop (a macrotask, so messages such as a worker's 'cancel' and timers
 * run first), without setTimeout(0)'s clamp: 1 ms in Node, 4 ms in browsers once timeouts nest. setImmediate
 * in Node; a MessageChannel message in browsers and workers; setTimeout where neither exists.
 */
export function nextMacrotask(): Promise<void> {
  return new Promise((resolve) => {
    if (immediate) immediate(resolve);
    else if (typeof MessageChannel === 'function') viaChannel(resolve);
    else setTimeout(resolve, 0);
  });
}
