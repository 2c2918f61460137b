// @ts-check
// One config per runtime: the extension host and CLI (node), the webview pages (web) and their Web Workers.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const webpack = require('webpack');

/** Native or WASM packages resolved from node_modules at run time in Node, so they find their own binaries. */
const nodeExternals = {
  vscode: 'commonjs vscode',
  'onnxruntime-node': 'commonjs onnxruntime-node',
  '@tensorflow/tfjs-node': 'commonjs @tensorflow/tfjs-node',
  '@tensorflow/tfjs-node-gpu': 'commonjs @tensorflow/tfjs-node-gpu',
  '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs': 'commonjs @cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs',
  '@cornerstonejs/codec-charls/decodewasmjs': 'commonjs @cornerstonejs/codec-charls/decodewasmjs',
  '@cornerstonejs/codec-openjpeg/decodewasmjs': 'commonjs @cornerstonejs/codec-openjpeg/decodewasmjs',
  '@cornerstonejs/codec-openjph/wasmjs': 'commonjs @cornerstonejs/codec-openjph/wasmjs',
  '@cornerstonejs/codec-openjph': 'commonjs @cornerstonejs/codec-openjph',
};

/** Files the pages load at run time by URL: the codecs' WASM (fetched for the worker) and the codicon font. */
const staticCopies = [
  ['node_modules/@cornerstonejs/codec-libjpeg-turbo-8bit/dist/libjpegturbowasm_decode.wasm', 'webview/wasm/libjpegturbowasm_decode.wasm'],
  ['node_modules/@cornerstonejs/codec-charls/dist/charlswasm_decode.wasm', 'webview/wasm/charlswasm_decode.wasm'],
  ['node_modules/@cornerstonejs/codec-openjpeg/dist/openjpegwasm_decode.wasm', 'webview/wasm/openjpegwasm_decode.wasm'],
  ['node_modules/@cornerstonejs/codec-openjph/dist/openjphjs.wasm', 'webview/wasm/openjphjs.wasm'],
  // Our own OpenJPEG build (codecs/openjpeg/README.md) and the notices its licences ask to travel with it.
  ['codecs/openjpeg/openjpeg.wasm', 'webview/wasm/openjpeg.wasm'],
  ['codecs/openjpeg/LICENSE', 'webview/wasm/openjpeg.wasm.LICENSE.txt'],
  // Our own libjpeg-turbo build (codecs/libjpeg-turbo/README.md), likewise with its notices.
  ['codecs/libjpeg-turbo/libjpeg-turbo.wasm', 'webview/wasm/libjpeg-turbo.wasm'],
  ['codecs/libjpeg-turbo/LICENSE', 'webview/wasm/libjpeg-turbo.wasm.LICENSE.txt'],
  ['node_modules/@vscode/codicons/dist/codicon.css', 'codicons/codicon.css'],
  ['node_modules/@vscode/codicons/dist/codicon.ttf', 'codicons/codicon.ttf'],
];

class CopyStaticFiles {
  /** @param {import('webpack').Compiler} compiler */
  apply(compiler) {
    compiler.hooks.afterEmit.tap('CopyStaticFiles', () => {
      for (const [from, to] of staticCopies) {
        const dest = path.resolve(__dirname, 'dist', to);
        fs.mkdirSync(path.dirname(dest), { recursive: true });
        fs.copyFileSync(path.resolve(__dirname, from), dest);
      }
    });
  }
}

/** @param {string} mode @returns {import('webpack').Configuration} */
const base = (mode) => ({
  mode: /** @type {'production' | 'development'} */ (mode),
  // Never eval-based: the webview CSP forbids 'unsafe-eval'.
  devtool: 'source-map',
  resolve: { extensions: ['.ts', '.js', '.mjs'], extensionAlias: { '.js': ['.ts', '.js'] } },
  module: {
    rules: [
      {
        test: /\.ts$/,
        exclude: /node_modules/,
        use: { loader: 'ts-loader', options: { transpileOnly: true, compilerOptions: { noEmit: false, module: 'esnext', sourceMap: true } } },
      },
    ],
  },
  performance: { hints: false },
  infrastructureLogging: { level: 'warn' },
  stats: 'errors-warnings',
});

module.exports = (_env, argv) => {
  const mode = argv.mode ?? 'production';
  const dist = path.resolve(__dirname, 'dist');
  /** @type {import('webpack').Configuration} */
  const extension = {
    ...base(mode),
    name: 'extension',
    target: 'node20',
    entry: { extension: './src/extension.ts' },
    output: { path: dist, filename: '[name].js', chunkFilename: 'chunks/ext-[name].js', library: { type: 'commonjs2' }, clean: false },
    externals: nodeExternals,
    node: { __dirname: false, __filename: false },
  };
  /** @type {import('webpack').Configuration} */
  const cli = {
    ...base(mode),
    name: 'cli',
    target: 'node20',
    entry: { cli: './src/cli/main.ts' },
    output: { path: dist, filename: '[name].js', chunkFilename: 'chunks/cli-[name].js', library: { type: 'commonjs2' } },
    externals: nodeExternals,
    node: { __dirname: false, __filename: false },
  };
  const webBase = {
    ...base(mode),
    resolve: {
      ...base(mode).resolve,
      // Emscripten glue mentions these behind an "is Node" check; the browser path never calls them.
      fallback: { fs: false, path: false, crypto: false, zlib: false, url: false, module: false, worker_threads: false },
    },
  };
  /** @type {import('webpack').Configuration} */
  const webview = {
    ...webBase,
    name: 'webview',
    target: 'web',
    entry: { viewer: './webview/viewer/main.ts' },
    output: { path: path.join(dist, 'webview'), filename: '[name].js', chunkFilename: 'chunks/[name].js', publicPath: 'auto' },
    plugins: [new CopyStaticFiles()],
  };
  /** @type {import('webpack').Configuration} */
  const workers = {
    ...webBase,
    name: 'webview-workers',
    target: 'webworker',
    entry: { viewerWorker: './webview/viewer/worker/decodeWorker.ts' },
    output: { path: path.join(dist, 'webview'), filename: '[name].js' },
    // One file: the page starts the worker from a blob of this script, and a blob worker cannot load chunks
    // from the extension's resources. Codecs stay lazy in that they initialise (and fetch WASM) on first use.
    plugins: [new webpack.optimize.LimitChunkCountPlugin({ maxChunks: 1 })],
  };
  return [extension, cli, webview, workers];
};
