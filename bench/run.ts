// `npm run bench [-- NAME...]`: runs the named benchmarks (all by default) and updates bench/RESULTS.md.
import { benchActivation } from './activation';
import { benchImaging } from './imaging/imaging';
import { benchSeries } from './imaging/series';
import { benchPackageSize } from './packageSize';
import { benchViewerPeer } from './viewer/peer/peerBench';
import { benchViewer } from './viewer/viewerBench';

const BENCHES: Record<string, () => Promise<void>> = {
  activation: () => benchActivation(),
  imaging: () => benchImaging(),
  series: () => benchSeries(),
  package: () => benchPackageSize(),
  viewer: () => benchViewer(),
  'viewer-peer': () => benchViewerPeer(),
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const names = wanted.length ? wanted : Object.keys(BENCHES);
  for (const name of names) {
    const bench = BENCHES[name];
    if (!bench) throw new Error(`unknown benchmark "${name}"; known: ${Object.keys(BENCHES).join(', ')}`);
    console.log(`== ${name}`);
    await bench();
  }
}

main().then(() => process.exit(0), (e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
