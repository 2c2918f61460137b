/**
 * A codec module loaded when a frame first needs it, then kept. A failed load is tried again by the next frame,
 * and `forget` (after a WebAssembly trap, which may leave the instance's heap broken) makes the next frame load a
 * fresh one.
 */
export class LazyModule<M> {
  private loading: Promise<M> | null = null;

  constructor(private readonly load: () => Promise<M>) {}

  get(): Promise<M> {
    if (!this.loading) {
      const loading = this.load();
      this.loading = loading;
      // Only this load: a newer one, started after a forget(), is kept.
      loading.catch(() => {
        if (this.loading === loading) this.loading = null;
      });
    }
    return this.loading;
  }

  readonly forget = (): void => {
    this.loading = null;
  };
}
