import { codecWasm } from './codecOptions';
import { describeCodecError } from './frameResult';

/**
 * One of our own WebAssembly codec builds (codecs/*) as a decoder uses it: its bytes asked of the host once per
 * realm and compiled once, an instance made when first needed and replaced after it trapped, and, where the host
 * supplies no bytes or they do not compile (an engine without WebAssembly SIMD, which the builds use), the reason
 * why the decoder must use its npm fallback instead.
 */
export class OwnWasmBuild<T> {
  private compiled: Promise<WebAssembly.Module | null> | null = null;
  private instance: Promise<T> | null = null;
  /** What `instance` resolved to, for drop(). */
  private current: T | null = null;
  private reason: string | null = null;

  /**
   * @param fileName what hosts are asked for through `configureCodecs({ loadWasm })`
   * @param instantiate makes a binding's instance from the compiled module
   */
  constructor(
    private readonly fileName: string,
    private readonly instantiate: (module: WebAssembly.Module) => Promise<T>,
  ) {}

  /** Why the build is not in use, once loading it failed; null while it is in use or not yet loaded. */
  get unavailable(): string | null {
    return this.reason;
  }

  /** The current instance, or null where the build cannot be loaded: then every frame goes to the npm codec. */
  async get(): Promise<T | null> {
    this.compiled ??= this.compile();
    const module = await this.compiled;
    if (!module) return null;
    const instance = (this.instance ??= this.instantiate(module));
    try {
      const value = await instance;
      if (this.instance === instance) this.current = value;
      return value;
    } catch (e) {
      this.reason = `${this.fileName} could not be instantiated (${describeCodecError(e)})`;
      this.compiled = Promise.resolve(null);
      return null;
    }
  }

  /**
   * True when `instance` was dropped after get() handed it out: a frame that awaited it while another frame
   * trapped it must get a new one. Check right before decoding, with no await in between.
   */
  isDropped(instance: T): boolean {
    return this.current !== instance;
  }

  /**
   * Forgets `instance` after it threw anything but a clean decode failure: a WebAssembly trap may leave its heap
   * inconsistent. The compiled module is kept, so the next get() makes a new instance cheaply. An instance
   * already replaced is left alone (another frame found it broken first).
   */
  drop(instance: T): void {
    if (this.current !== instance) return;
    this.current = null;
    this.instance = null;
  }

  private async compile(): Promise<WebAssembly.Module | null> {
    try {
      const bytes = await codecWasm(this.fileName);
      if (bytes) return await WebAssembly.compile(bytes);
      this.reason = `the host supplies no ${this.fileName} (configureCodecs({ loadWasm }))`;
    } catch (e) {
      // e.g. an engine without WebAssembly SIMD, which the builds use
      this.reason = `${this.fileName} could not be loaded (${describeCodecError(e)})`;
    }
    return null;
  }
}
