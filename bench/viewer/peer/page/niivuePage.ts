// The niivue side of the viewer-peer benchmark: a page that shows one NIfTI file with @niivue/niivue, set up
// the way a careful integrator would for speed: the file is fetched (and preloaded by the HTML) while niivue
// starts its WebGL2 context, then handed over with loadFromArrayBuffer, as niivue-vscode hands over bytes.
import { Niivue, SLICE_TYPE } from '@niivue/niivue';
import { countGrey, fail, nextFrame, report, wantCheck, type CanvasCheck } from './timing';

const scriptMs = performance.now();
const fileUrl = document.body.dataset.fileUrl ?? '';
const bytes = fetch(fileUrl).then((r) => {
  if (!r.ok) throw new Error(`${fileUrl}: HTTP ${r.status}`);
  return r.arrayBuffer();
});

async function main(): Promise<void> {
  // One axial slice, as our viewer opens a volume (niivue's default is three planes plus a 3D render).
  const nv = new Niivue({ sliceType: SLICE_TYPE.AXIAL, logLevel: 'error', show3Dcrosshair: false });
  let drawn: { drawnMs: number; frame: Promise<number>; check?: CanvasCheck } | null = null;
  // Called right after addVolume's drawScene(), which draws synchronously and ends with gl.finish().
  nv.onImageLoaded = () => {
    const drawnMs = performance.now();
    const frame = nextFrame();
    drawn = { drawnMs, frame, ...(wantCheck() ? { check: checkGl(nv.gl) } : {}) };
  };
  await nv.attachToCanvas(document.getElementById('gl') as HTMLCanvasElement);
  const name = decodeURIComponent(fileUrl.split('/').pop() ?? fileUrl);
  const buffer = await bytes;
  const readyMs = performance.now();
  await nv.loadFromArrayBuffer(buffer, name);
  const d = drawn as { drawnMs: number; frame: Promise<number>; check?: CanvasCheck } | null;
  if (!d) throw new Error('niivue loaded the volume without calling onImageLoaded');
  report({ viewer: 'niivue', scriptMs, readyMs, drawnMs: d.drawnMs, frameMs: await d.frame, ...(d.check ? { check: d.check } : {}) });
}

/** Reads the default framebuffer back before it is composited (it is not preserved after that). */
function checkGl(gl: WebGL2RenderingContext): CanvasCheck {
  const { drawingBufferWidth: width, drawingBufferHeight: height } = gl;
  const pixels = new Uint8Array(width * height * 4);
  gl.readPixels(0, 0, width, height, gl.RGBA, gl.UNSIGNED_BYTE, pixels);
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
  return { width, height, greyPixels: countGrey(pixels), renderer };
}

main().catch(fail);
