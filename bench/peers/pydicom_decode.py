"""pydicom peer of `npm run bench -- imaging` / `-- series`. Run with Debian's /usr/bin/python3 (pydicom 2.3.1,
GDCM 3.0.21 Python bindings, numpy).

  pydicom_decode.py files WARMUP MIN_ITERS MIN_MS MAX_ITERS FILE...
    Per file: the bytes are read into memory first; each timed iteration is dcmread(BytesIO(bytes)) + pixel_array
    (every frame, as a numpy array). Native data goes through pydicom's numpy handler, the JPEG, JPEG-LS and
    JPEG 2000 syntaxes through GDCM, RLE through pydicom's own RLE handler (pydicom 2.3.1's GDCM handler does not
    take RLE). The handler list is set to exactly those three.
  pydicom_decode.py series FILE...
    dcmread of every file from disk, sort by Image Position (Patient) along the slice normal, np.stack of the
    pixel arrays. One pass (the caller runs fresh processes); prints the time and peak RSS.

Prints one JSON document on stdout.
"""
import io
import json
import resource
import sys
import time

import numpy as np
import pydicom
import pydicom.config
from pydicom.pixel_data_handlers import gdcm_handler, numpy_handler, rle_handler

pydicom.config.pixel_data_handlers = [numpy_handler, gdcm_handler, rle_handler]
if not gdcm_handler.is_available():
    sys.exit('pydicom_decode: the GDCM handler is not available (install python3-gdcm)')
import gdcm  # noqa: E402  (after the check, which says what to install)
gdcm.Trace.WarningOff()  # GDCM warns on every 12-bit JPEG frame; the JSON on stdout is what counts


def decode(data):
    ds = pydicom.dcmread(io.BytesIO(data))
    return ds, ds.pixel_array


def files(warmup, min_iters, min_ms, max_iters, paths):
    # Untimed: every file decoded once first, as every implementation does (see dcmtk_decode.cc for why).
    for path in paths:
        try:
            with open(path, 'rb') as f:
                decode(f.read())
        except Exception:  # reported below
            pass
    results = []
    for path in paths:
        with open(path, 'rb') as f:
            data = f.read()
        try:
            ds, arr = decode(data)
        except Exception as e:  # reported, not fatal: the other files go on
            results.append({'file': path, 'ok': False, 'error': f'{type(e).__name__}: {e}'})
            continue
        for _ in range(warmup):
            decode(data)
        samples = []
        total = 0.0
        while (len(samples) < min_iters or total < min_ms * 1000) and len(samples) < max_iters:
            t0 = time.perf_counter_ns()
            decode(data)
            us = (time.perf_counter_ns() - t0) / 1000
            samples.append(us)
            total += us
        frames = int(getattr(ds, 'NumberOfFrames', 1) or 1)
        shape = [frames, int(ds.Rows), int(ds.Columns), int(getattr(ds, 'SamplesPerPixel', 1))]
        results.append({'file': path, 'ok': True, 'shape': shape, 'checksum': int(arr.astype(np.int64).sum()), 'samplesUs': samples})
    print(json.dumps({'results': results, 'pydicom': pydicom.__version__}))


def series(paths):
    t0 = time.perf_counter_ns()
    slices = []
    for path in paths:
        ds = pydicom.dcmread(path)
        o = [float(v) for v in ds.ImageOrientationPatient]
        normal = np.cross(o[:3], o[3:])
        slices.append((float(np.dot(normal, [float(v) for v in ds.ImagePositionPatient])), ds))
    slices.sort(key=lambda s: s[0])
    volume = np.stack([ds.pixel_array for _, ds in slices])
    ms = (time.perf_counter_ns() - t0) / 1e6
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({'ms': ms, 'maxRssKiB': rss, 'slices': len(slices), 'checksum': int(volume.astype(np.int64).sum())}))


if __name__ == '__main__':
    if sys.argv[1] == 'files':
        files(int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]), sys.argv[6:])
    elif sys.argv[1] == 'series':
        series(sys.argv[2:])
    else:
        sys.exit('usage: pydicom_decode.py files WARMUP MIN_ITERS MIN_MS MAX_ITERS FILE... | series FILE...')
