// Our side of `npm run bench -- series`, one pass in a fresh process (`node --import tsx`):
//   oursSeries.ts FILE...
// Reads every file from disk, parses it, assembles the series (assembleSeries) and decodes it into one volume
// (seriesToVolume, default options). Prints {"ms", "maxRssKiB", "slices", "checksum"} like the peers.
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { assembleSeries, parseDicom, seriesToVolume, type DicomFile } from '../../src/core/dicom';

const inflate = (d: Uint8Array): Uint8Array => inflateRawSync(d);

async function main(): Promise<void> {
  const paths = process.argv.slice(2);
  const t0 = process.hrtime.bigint();
  const instances: { key: string; file: DicomFile }[] = [];
  for (const key of paths) {
    const buf = readFileSync(key);
    instances.push({ key, file: parseDicom(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength), { inflate }) });
  }
  const series = assembleSeries(instances);
  if (series.length !== 1) throw new Error(`expected one series, got ${series.length}`);
  const volume = await seriesToVolume(series[0] as (typeof series)[number]);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const maxRssKiB = process.resourceUsage().maxRSS;
  let checksum = 0;
  for (let i = 0; i < volume.voxels.length; i++) checksum += volume.voxels[i] as number;
  process.stdout.write(`${JSON.stringify({ ms, maxRssKiB, slices: volume.dims[2], checksum })}\n`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
