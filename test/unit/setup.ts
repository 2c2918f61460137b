// Imported before every unit test file (scripts/run-unit.mjs passes it to node with --import, and node:test hands
// that on to each file's process): the core's codecs load as they do in the CLI, our own WASM builds included.
import { configureNodeCodecs } from '../../src/cli/nodeCodecs';

configureNodeCodecs();
