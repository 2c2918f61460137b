// Bundles the two benchmark page scripts (page/niivuePage.ts with @niivue/niivue, page/oursHost.ts) with the
// project's webpack into bench/.work/peer/site/: production mode, as each viewer ships.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import webpack from 'webpack';

export interface BuiltPages {
  dir: string;
  /** Bytes of the niivue page bundle (niivue and its dependencies). */
  niivueBytes: number;
}

export async function buildPeerPages(repoRoot: string, outDir: string): Promise<BuiltPages> {
  const page = (f: string) => join(repoRoot, 'bench', 'viewer', 'peer', 'page', f);
  const compiler = webpack({
    mode: 'production',
    target: 'web',
    devtool: false,
    context: repoRoot,
    entry: { niivue: page('niivuePage.ts'), oursHost: page('oursHost.ts') },
    output: { path: outDir, filename: '[name].js', clean: true },
    resolve: { extensions: ['.ts', '.js', '.mjs'] },
    module: {
      rules: [{
        test: /\.ts$/,
        exclude: /node_modules/,
        use: { loader: 'ts-loader', options: { transpileOnly: true, compilerOptions: { noEmit: false, module: 'esnext' } } },
      }],
    },
    // Everything in one file per page: nothing is fetched later but the image.
    plugins: [new webpack.optimize.LimitChunkCountPlugin({ maxChunks: 1 })],
    performance: { hints: false },
    infrastructureLogging: { level: 'warn' },
  });
  await new Promise<void>((resolve, reject) => {
    compiler.run((err, stats) => {
      compiler.close(() => undefined);
      if (err) return reject(err);
      if (stats?.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
      resolve();
    });
  });
  return { dir: outDir, niivueBytes: statSync(join(outDir, 'niivue.js')).size };
}
