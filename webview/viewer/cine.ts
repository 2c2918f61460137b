import type { Viewport } from './viewport';

/** Cine: steps one viewport through its frames at a rate, skipping a tick rather than queueing renders. */
export class Cine {
  private timer: number | null = null;
  private times: number[] = [];
  /** Frames painted since the last start (benchmarks read it). */
  painted = 0;

  get running(): boolean {
    return this.timer !== null;
  }

  start(v: Viewport, fps: number, onFrame: () => void): void {
    this.stop();
    if (v.geometry.count <= 1) return;
    let busy = false;
    this.painted = 0;
    this.timer = window.setInterval(() => {
      if (busy) return;
      busy = true;
      v.index = (v.index + 1) % v.geometry.count;
      void v.requestRender().then(() => {
        busy = false;
        const now = performance.now();
        this.painted++;
        this.times.push(now);
        while (this.times.length > 0 && now - (this.times[0] as number) > 2000) this.times.shift();
        onFrame();
      });
    }, 1000 / fps);
  }

  stop(): void {
    if (this.timer !== null) window.clearInterval(this.timer);
    this.timer = null;
    this.times = [];
  }

  /** Frames painted per second over the last 2 s. */
  rate(): number {
    const t = this.times;
    if (t.length < 2) return 0;
    return ((t.length - 1) * 1000) / ((t[t.length - 1] as number) - (t[0] as number));
  }
}
