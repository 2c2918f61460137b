/**
 * libjpeg converts 3-component JPEG to RGB whenever it believes the data is YCbCr (a JFIF APP0
 * marker, an Adobe APP14 marker with transform 1, or component ids 1,2,3). DICOM YBR_FULL_422 /
 * YBR_FULL JPEG must come out as coded (Y, Cb, Cr), as GDCM and DCMTK return it, and the
 * TurboJPEG API has no switch for that. So the header is rewritten: the JFIF identifier is
 * blanked and an Adobe marker with transform 0 ("no transform", T.872 §6.5.3) is put first.
 * Only markers before the first SOS are touched; upsampling stays libjpeg's own.
 */
export function withoutColorTransform(data: Uint8Array): Uint8Array {
  const adobe = Uint8Array.from([0xff, 0xee, 0x00, 0x0e, 0x41, 0x64, 0x6f, 0x62, 0x65, 0x00, 0x64, 0x00, 0x00, 0x00, 0x00, 0x00]);
  const out = new Uint8Array(data.length + adobe.length);
  out.set(data.subarray(0, 2));
  out.set(adobe, 2);
  out.set(data.subarray(2), 2 + adobe.length);
  let pos = 2 + adobe.length;
  while (pos + 4 <= out.length && out[pos] === 0xff) {
    const marker = out[pos + 1] as number;
    if (marker === 0xda || marker === 0xd9) break;
    const len = ((out[pos + 2] as number) << 8) | (out[pos + 3] as number);
    const seg = pos + 4;
    if (marker === 0xe0 && out[seg] === 0x4a && out[seg + 1] === 0x46 && out[seg + 2] === 0x49 && out[seg + 3] === 0x46) {
      out[seg] = 0x58; // "JFIF" → "XFIF": no longer read as JFIF, which would force YCbCr
    } else if (marker === 0xee && out[seg] === 0x41 && out[seg + 1] === 0x64) {
      out[seg] = 0x58; // a later Adobe marker would override ours
    }
    pos += 2 + len;
  }
  return out;
}

/** Sample precision from the first SOFn marker, or null when none is found before SOS. */
export function jpegPrecision(data: Uint8Array): number | null {
  let pos = 2;
  while (pos + 4 < data.length && data[pos] === 0xff) {
    const marker = data[pos + 1] as number;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return data[pos + 4] ?? null;
    if (marker === 0xda) return null;
    pos += 2 + (((data[pos + 2] as number) << 8) | (data[pos + 3] as number));
  }
  return null;
}
