// Our side of `npm run bench -- series`, one pass in a fresh process (run as an esbuild bundle):
//   oursSeries.ts FILE...
// What `voxel-lab render DIR` does: reads every file's header (scanSeriesFiles: parseDicomHeader on the first
// bytes, whole file only when needed), assembles the series, then builds the volume with seriesToVolume (default
// options: it yields to the event loop every 16 ms) reading each native frame from disk straight into its slot.
// Prints {"ms", "maxRssKiB", "slices", "checksum"} like the peers.
import { statSync } from 'node:fs';
import { seriesToVolume } from '../../src/core/dicom';
import { scanSeriesFiles } from '../../src/core/files/openSeries';
import { configureNodeCodecs } from '../../src/cli/nodeCodecs';
import { nodeInflate } from '../../src/cli/nodeInflate';
import { nodeSeriesFiles } from '../../src/cli/nodeSeriesFiles';

configureNodeCodecs();

async function main(): Promise<void> {
  const paths = process.argv.slice(2);
  const t0 = process.hrtime.bigint();
  const entries = paths.map((name) => ({ name, size: statSync(name).size }));
  const { series, skipped } = await scanSeriesFiles(entries, nodeSeriesFiles, nodeInflate);
  if (series.length !== 1 || skipped.length > 0) throw new Error(`expected one series, got ${series.length} (${skipped.length} skipped)`);
  const volume = await seriesToVolume(series[0] as (typeof series)[number], { files: nodeSeriesFiles, parse: nodeInflate });
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
