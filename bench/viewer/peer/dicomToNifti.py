"""Writes DICOM slices (one file, or a series sorted along z) as one NIfTI-1 volume with nibabel.

Usage: dicomToNifti.py OUT.nii[.gz] DICOM...   (Debian's /usr/bin/python3 with python3-nibabel and python3-pydicom)

The NIfTI files of the viewer-peer benchmark come from nibabel, not from our own code, so neither viewer
reads a file made by its own side. Stored values stay int16 with the DICOM rescale as scl_slope/scl_inter;
the affine maps the LPS patient frame of DICOM to the RAS frame of NIfTI.
"""
import sys

import nibabel as nib
import numpy as np
import pydicom


def main(out, paths):
    slices = sorted((pydicom.dcmread(p) for p in paths), key=lambda d: float(d.ImagePositionPatient[2]))
    first = slices[0]
    # pixel_array is rows x columns; NIfTI's first axis is i (columns), its second j (rows).
    data = np.stack([d.pixel_array.astype(np.int16).T for d in slices], axis=-1)
    dx, dy = (float(v) for v in first.PixelSpacing[::-1])
    dz = float(slices[1].ImagePositionPatient[2]) - float(first.ImagePositionPatient[2]) if len(slices) > 1 else float(first.get('SliceThickness') or 1)
    x0, y0, z0 = (float(v) for v in first.ImagePositionPatient)
    affine = np.array([[-dx, 0, 0, -x0], [0, -dy, 0, -y0], [0, 0, dz, z0], [0, 0, 0, 1]])
    image = nib.Nifti1Image(data, affine)
    image.header.set_xyzt_units('mm')
    image.header.set_slope_inter(float(first.get('RescaleSlope', 1)), float(first.get('RescaleIntercept', 0)))
    image.header.set_qform(affine, code=1)
    image.header.set_sform(affine, code=1)
    nib.save(image, out)
    print(f'{out}: {data.shape} {data.dtype}')


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2:])
