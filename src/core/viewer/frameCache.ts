import { decodeFrame, type DecodedFrame, type DicomFile } from '../dicom';

/** Decoded frames kept for scrolling and cine, least recently used dropped first past `maxBytes`. */
export class FrameCache {
  private readonly frames = new Map<string, DecodedFrame>();
  private readonly pinned = new WeakMap<DicomFile, Map<number, DecodedFrame>>();
  private readonly ids = new WeakMap<DicomFile, number>();
  private nextId = 1;
  private bytes = 0;

  constructor(private readonly maxBytes = 768 * 2 ** 20) {}

  /** A frame whose pixels live elsewhere (a series volume): served by get(), never evicted, not counted. */
  pin(file: DicomFile, frameIndex: number, frame: DecodedFrame): void {
    let frames = this.pinned.get(file);
    if (!frames) this.pinned.set(file, (frames = new Map()));
    frames.set(frameIndex, frame);
  }

  async get(file: DicomFile, frameIndex: number): Promise<DecodedFrame> {
    const pinned = this.pinned.get(file)?.get(frameIndex);
    if (pinned) return pinned;
    let id = this.ids.get(file);
    if (id === undefined) this.ids.set(file, (id = this.nextId++));
    const key = `${id}:${frameIndex}`;
    const hit = this.frames.get(key);
    if (hit) {
      this.frames.delete(key);
      this.frames.set(key, hit);
      return hit;
    }
    const decoded = await decodeFrame(file, frameIndex);
    this.frames.set(key, decoded);
    this.bytes += decoded.pixels.byteLength;
    for (const [k, v] of this.frames) {
      if (this.bytes <= this.maxBytes || k === key) break;
      this.frames.delete(k);
      this.bytes -= v.pixels.byteLength;
    }
    return decoded;
  }
}
