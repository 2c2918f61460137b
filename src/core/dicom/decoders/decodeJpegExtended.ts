import { DicomError } from '../../errors';
import { decodeJpegBaseline, keepsYbr } from './decodeJpegBaseline';
import { checkGeometry, describeCodecError, toDecodedFrame } from './frameResult';
import { jpegPrecision } from './jpegColorMarkers';
import { decodeJpegDct } from './jpegDct/decodeJpegDct';
import type { Decoder } from '../types';

/**
 * JPEG Extended (PS3.5 A.4.1, processes 2 and 4). 8-bit data goes to libjpeg-turbo. No libjpeg
 * build on npm decodes 12-bit samples, so 12-bit data goes to our own sequential DCT decoder,
 * written to match libjpeg 6b (as in DCMTK and GDCM) bit for bit.
 */
export const decodeJpegExtended: Decoder = async (frame) => {
  if (jpegPrecision(frame.bytes) === 8) return decodeJpegBaseline(frame);
  let image;
  try {
    image = decodeJpegDct(frame.bytes, !keepsYbr(frame), { width: frame.columns, height: frame.rows });
  } catch (e) {
    if (e instanceof DicomError) throw e;
    throw new DicomError('dicom-codec-failed', `The 12-bit JPEG frame could not be decoded (${describeCodecError(e)}).`, { cause: e });
  }
  checkGeometry('JPEG extended', { width: image.width, height: image.height, componentCount: image.components }, frame);
  return toDecodedFrame(image.samples, frame, true, 'JPEG extended');
};
