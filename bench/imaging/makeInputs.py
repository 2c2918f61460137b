"""Benchmark inputs for `npm run bench -- imaging` and `-- series`, written under bench/.work/ (gitignored).

Run with Debian's /usr/bin/python3 (pydicom 2.3.1, numpy, nibabel, scipy); DCMTK and GDCM command-line
tools transcode. Subcommands:

  files OUT                        the 512x512 CT slice in every syntax Debian's tools can write
  encapsulate SRC CODESTREAM UID OUT   SRC with its Pixel Data replaced by one encapsulated frame (HTJ2K)
  series OUT N                     N slices of 512x512 from a real brain volume, shuffled file names
"""
import os
import random
import subprocess
import sys

import numpy as np
import pydicom
from pydicom.encaps import encapsulate
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CT_SOURCE = os.path.join(ROOT, 'samples', 'dicom', 'ct_signed_13bit_explicit_le.dcm')
# Colin 27 ('ch2'), a real human T1 brain, skull-stripped (MRIcron templates, 1 mm, 181x217x181).
BRAIN = os.path.join(ROOT, 'samples', 'nifti', 'brain_ch2bet_uint8.nii.gz')


def ct12(ds):
    """The real 512x512 head CT re-stored the way most CT scanners write it: 12 bits unsigned, intercept -1024.
    The file meta names pydicom as the writer: the source says OFFIS_DCMTK_354, and DCMTK 3.6.7 takes a slow
    compatibility path (about 0.4 ms more per file) when it reads a file written by that old DCMTK version."""
    ds.file_meta.ImplementationClassUID = pydicom.uid.PYDICOM_IMPLEMENTATION_UID
    ds.file_meta.ImplementationVersionName = f'PYDICOM {pydicom.__version__}'[:16]
    hu = ds.pixel_array.astype(np.int32) * float(ds.RescaleSlope) + float(ds.RescaleIntercept)
    stored = np.clip(np.rint(hu) + 1024, 0, 4095).astype(np.uint16)
    ds.BitsStored = 12
    ds.HighBit = 11
    ds.PixelRepresentation = 0
    ds.RescaleIntercept = '-1024'
    ds.RescaleSlope = '1'
    ds.PixelData = stored.tobytes()
    ds['PixelData'].VR = 'OW'
    return ds


def run(*args):
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def make_files(out):
    os.makedirs(out, exist_ok=True)
    ds = ct12(pydicom.dcmread(CT_SOURCE))
    base = os.path.join(out, 'ct512_explicit_le.dcm')
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.is_little_endian, ds.is_implicit_VR = True, False
    ds.save_as(base, write_like_original=False)
    p = lambda name: os.path.join(out, name)
    run('dcmconv', '+ti', base, p('ct512_implicit_le.dcm'))
    run('dcmconv', '+tb', base, p('ct512_explicit_be.dcm'))
    run('dcmconv', '+td', base, p('ct512_deflated.dcm'))
    run('dcmcrle', base, p('ct512_rle.dcm'))
    # Baseline JPEG is 8-bit only: DCMTK windows the 12-bit CT to 8 bits (brain window from the file).
    run('dcmcjpeg', '+eb', '+Wi', '1', '+q', '90', base, p('ct512_jpeg_baseline.dcm'))
    run('dcmcjpeg', '+ee', '+q', '90', base, p('ct512_jpeg_extended12.dcm'))
    run('dcmcjpeg', '+el', '+sv', '6', base, p('ct512_jpeg_lossless_p14.dcm'))
    run('dcmcjpeg', '+e1', base, p('ct512_jpeg_lossless_sv1.dcm'))
    run('dcmcjpls', '+el', base, p('ct512_jpegls_lossless.dcm'))
    run('dcmcjpls', '+en', '+md', '2', base, p('ct512_jpegls_near_lossless.dcm'))
    run('gdcmconv', '--j2k', base, p('ct512_j2k_lossless.dcm'))
    run('gdcmconv', '--j2k', '--lossy', '--irreversible', '-r', '10', base, p('ct512_j2k_lossy.dcm'))


def encapsulate_frame(src, codestream, uid, out):
    # pydicom 2.3.1 predates the HTJ2K syntaxes (PS3.5 A.4.7): register the UID so dcmwrite knows it is compressed.
    from pydicom._uid_dict import UID_dictionary
    UID_dictionary.setdefault(uid, ('HTJ2K ' + uid, 'Transfer Syntax', '', '', ''))
    ds = pydicom.dcmread(src)
    with open(codestream, 'rb') as f:
        data = f.read()
    ds.PixelData = encapsulate([data])
    ds['PixelData'].VR = 'OB'
    ds['PixelData'].is_undefined_length = True
    ds.file_meta.TransferSyntaxUID = uid
    ds.is_little_endian, ds.is_implicit_VR = True, False
    if uid.endswith('.203'):
        ds.LossyImageCompression = '01'
    ds.save_as(out, write_like_original=False)


def make_series(out, n):
    """N axial slices, 512x512, from the ch2bet human T1 brain resampled trilinearly (real anatomy), with the
    header of the real CT slice; file names are random so order must come from Image Position (Patient)."""
    import nibabel as nib
    from scipy.ndimage import zoom
    os.makedirs(out, exist_ok=True)
    vol = np.asarray(nib.load(BRAIN).dataobj, dtype=np.float32)  # x, y, z
    vol = zoom(vol, (512 / vol.shape[0], 512 / vol.shape[1], n / vol.shape[2]), order=1)
    # A few bright voxels set the maximum; scale so the 99.5th percentile lands at 3000 of the 12 bits.
    vol = np.clip(vol / max(float(np.percentile(vol, 99.5)), 1e-6) * 3000, 0, 4095).astype(np.uint16)
    template = ct12(pydicom.dcmread(CT_SOURCE))
    template.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    template.is_little_endian, template.is_implicit_VR = True, False
    template.ImageOrientationPatient = ['1', '0', '0', '0', '1', '0']
    template.PixelSpacing = ['0.5', '0.5']
    template.SliceThickness = '0.5'
    series_uid = generate_uid()
    template.SeriesInstanceUID = series_uid
    rng = random.Random(1)
    names = rng.sample(range(10 ** 6), n)
    for k in range(n):
        ds = template
        uid = generate_uid()
        ds.SOPInstanceUID = uid
        ds.file_meta.MediaStorageSOPInstanceUID = uid
        ds.InstanceNumber = str(k + 1)
        z = -125.0 + 0.5 * k
        ds.ImagePositionPatient = ['-128', '-128', f'{z:.1f}']
        ds.SliceLocation = f'{z:.1f}'
        # NIfTI RAS to DICOM LPS rows: row r runs posterior (-y), column c along x; C order [row, column].
        ds.PixelData = np.ascontiguousarray(vol[:, ::-1, k].T).tobytes()
        ds.save_as(os.path.join(out, f'{names[k]:06d}'), write_like_original=False)


if __name__ == '__main__':
    cmd = sys.argv[1]
    if cmd == 'files':
        make_files(sys.argv[2])
    elif cmd == 'encapsulate':
        encapsulate_frame(*sys.argv[2:6])
    elif cmd == 'series':
        make_series(sys.argv[2], int(sys.argv[3]))
    else:
        sys.exit(f'unknown subcommand {cmd}')
