/** A file of a series as the host lists it: fetched by the page from `url`, or read through the host. */
export interface SeriesFileRef {
  name: string;
  url: string | null;
}

export interface LoadedFile {
  index: number;
  name: string;
  bytes: Uint8Array | null;
  error?: string;
}

/**
 * The files in list order, fetched `concurrency` at a time ahead of the consumer: the page's resource loader
 * streams them far faster than messages through the extension host, which remains the fallback per file.
 */
export async function* loadSeriesFiles(
  files: readonly SeriesFileRef[],
  viaHost: (index: number) => Promise<Uint8Array>,
  concurrency = 6,
): AsyncGenerator<LoadedFile> {
  const load = async (index: number): Promise<LoadedFile> => {
    const f = files[index] as SeriesFileRef;
    try {
      if (f.url) {
        const r = await fetch(f.url);
        if (r.ok) return { index, name: f.name, bytes: new Uint8Array(await r.arrayBuffer()) };
      }
      return { index, name: f.name, bytes: await viaHost(index) };
    } catch (e) {
      return { index, name: f.name, bytes: null, error: e instanceof Error ? e.message : String(e) };
    }
  };
  const ahead: Promise<LoadedFile>[] = [];
  let next = 0;
  while (next < files.length && ahead.length < concurrency) ahead.push(load(next++));
  while (ahead.length > 0) {
    const done = await (ahead.shift() as Promise<LoadedFile>);
    if (next < files.length) ahead.push(load(next++));
    yield done;
  }
}
