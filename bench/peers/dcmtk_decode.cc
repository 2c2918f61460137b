// DCMTK peer of `npm run bench -- imaging` / `-- series`. Compiled by bench/imaging/peers.ts with g++ into
// bench/.work/ (never committed as a binary).
//
//   dcmtk_decode files WARMUP MIN_ITERS MIN_MS MAX_ITERS FILE...
//     Per file: the bytes are read into memory first; each timed iteration parses the whole file from that
//     buffer (DcmFileFormat::read over a DcmInputBufferStream) and decodes every frame into one newly
//     allocated buffer with DcmElement::getUncompressedFrame (native data: copied, byte-swapped to host order).
//   dcmtk_decode series FILE...
//     Loads every file (DcmFileFormat::loadFile: header now, Pixel Data lazily from disk), sorts by Image Position
//     (Patient) along the slice normal, decodes each slice straight into one volume with getUncompressedFrame.
//     One pass (the caller runs fresh processes); prints the time and peak RSS.
//
// Prints one JSON document on stdout.
#include "dcmtk/config/osconfig.h"
#include "dcmtk/dcmdata/dctk.h"
#include "dcmtk/dcmdata/dcistrmb.h"
#include "dcmtk/dcmdata/dcrledrg.h"
#include "dcmtk/dcmjpeg/djdecode.h"
#include "dcmtk/dcmjpls/djdecode.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <string>
#include <sys/resource.h>
#include <vector>

using Clock = std::chrono::steady_clock;

static double usSince(Clock::time_point t0) {
  return std::chrono::duration<double, std::micro>(Clock::now() - t0).count();
}

static std::vector<char> readAll(const char *path) {
  std::ifstream in(path, std::ios::binary);
  return std::vector<char>((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

struct Decoded {
  std::unique_ptr<Uint8[]> pixels;
  size_t bytes = 0;
  Uint16 rows = 0, columns = 0, samples = 1, bitsAllocated = 0, pixelRepresentation = 0;
  Sint32 frames = 1;
  double z = 0;  // position along the slice normal (series mode)
};

static bool parse(DcmFileFormat &ff, const char *data, size_t length) {
  DcmInputBufferStream stream;
  stream.setBuffer(data, static_cast<offile_off_t>(length));
  stream.setEos();
  ff.transferInit();
  OFCondition c = ff.read(stream, EXS_Unknown, EGL_noChange, DCM_MaxReadLength);
  ff.transferEnd();
  if (c.bad()) fprintf(stderr, "dcmtk: read failed: %s\n", c.text());
  return c.good();
}

// Header parse + decode of every frame into one buffer the caller owns.
static bool decodeFile(const char *data, size_t length, Decoded &out, bool wantPosition) {
  DcmFileFormat ff;
  if (!parse(ff, data, length)) return false;
  DcmDataset *ds = ff.getDataset();
  ds->findAndGetUint16(DCM_Rows, out.rows);
  ds->findAndGetUint16(DCM_Columns, out.columns);
  ds->findAndGetUint16(DCM_SamplesPerPixel, out.samples);
  ds->findAndGetUint16(DCM_BitsAllocated, out.bitsAllocated);
  ds->findAndGetUint16(DCM_PixelRepresentation, out.pixelRepresentation);
  if (ds->findAndGetSint32(DCM_NumberOfFrames, out.frames).bad() || out.frames < 1) out.frames = 1;
  if (wantPosition) {
    Float64 ipp[3] = {0, 0, 0}, iop[6] = {1, 0, 0, 0, 1, 0};
    for (int i = 0; i < 3; i++) ds->findAndGetFloat64(DCM_ImagePositionPatient, ipp[i], i);
    for (int i = 0; i < 6; i++) ds->findAndGetFloat64(DCM_ImageOrientationPatient, iop[i], i);
    const double n[3] = {iop[1] * iop[5] - iop[2] * iop[4], iop[2] * iop[3] - iop[0] * iop[5], iop[0] * iop[4] - iop[1] * iop[3]};
    out.z = ipp[0] * n[0] + ipp[1] * n[1] + ipp[2] * n[2];
  }
  DcmElement *px = nullptr;
  if (ds->findAndGetElement(DCM_PixelData, px).bad() || px == nullptr) {
    fprintf(stderr, "dcmtk: no Pixel Data\n");
    return false;
  }
  Uint32 frameSize = 0;
  if (px->getUncompressedFrameSize(ds, frameSize).bad()) return false;
  out.bytes = static_cast<size_t>(frameSize) * out.frames;
  out.pixels.reset(new Uint8[out.bytes]);
  Uint32 startFragment = 0;
  OFString colorModel;
  for (Sint32 f = 0; f < out.frames; f++) {
    OFCondition c = px->getUncompressedFrame(ds, f, startFragment, out.pixels.get() + static_cast<size_t>(f) * frameSize, frameSize, colorModel, nullptr);
    if (c.bad()) {
      fprintf(stderr, "dcmtk: frame %d: %s\n", f, c.text());
      return false;
    }
  }
  return true;
}

// Sum of the decoded values, to check every implementation decoded the same pixels (lossless syntaxes).
static long double checksum(const Decoded &d) {
  long double sum = 0;
  const size_t n = d.bytes / std::max<size_t>(1, d.bitsAllocated / 8);
  const bool s = d.pixelRepresentation == 1;
  for (size_t i = 0; i < n; i++) {
    switch (d.bitsAllocated) {
      case 8: sum += s ? static_cast<Sint8>(d.pixels[i]) : d.pixels[i]; break;
      case 16: { Uint16 v; memcpy(&v, d.pixels.get() + 2 * i, 2); sum += s ? static_cast<Sint16>(v) : v; break; }
      case 32: { Uint32 v; memcpy(&v, d.pixels.get() + 4 * i, 4); sum += s ? static_cast<Sint32>(v) : v; break; }
      default: sum += d.pixels[i];
    }
  }
  return sum;
}

static std::string jsonString(const std::string &s) {
  std::string o = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') o += '\\';
    o += c;
  }
  return o + "\"";
}

static int files(int argc, char **argv) {
  const int warmup = atoi(argv[2]), minIters = atoi(argv[3]), maxIters = atoi(argv[5]);
  const double minUs = atof(argv[4]) * 1000;
  // Untimed: every file read and decoded once first. Without it the first file timed ran ~6x slower than the
  // same bytes later in the list (glibc heap growth and trimming around its first large blocks), whichever file.
  std::vector<std::vector<char>> all;
  for (int a = 6; a < argc; a++) all.push_back(readAll(argv[a]));
  for (const auto &bytes : all) {
    Decoded d;
    decodeFile(bytes.data(), bytes.size(), d, false);
  }
  all.clear();
  printf("{\"results\":[");
  for (int a = 6; a < argc; a++) {
    const std::vector<char> bytes = readAll(argv[a]);
    Decoded d;
    bool ok = decodeFile(bytes.data(), bytes.size(), d, false);
    std::vector<double> samples;
    if (ok) {
      for (int i = 0; i < warmup; i++) decodeFile(bytes.data(), bytes.size(), d, false);
      double total = 0;
      while ((static_cast<int>(samples.size()) < minIters || total < minUs) && static_cast<int>(samples.size()) < maxIters) {
        Decoded x;
        const auto t0 = Clock::now();
        decodeFile(bytes.data(), bytes.size(), x, false);
        const double us = usSince(t0);
        samples.push_back(us);
        total += us;
      }
    }
    printf("%s{\"file\":%s,\"ok\":%s", a > 6 ? "," : "", jsonString(argv[a]).c_str(), ok ? "true" : "false");
    if (ok) {
      printf(",\"shape\":[%d,%d,%d,%d],\"checksum\":%.0Lf,\"samplesUs\":[", d.frames, d.rows, d.columns, d.samples, checksum(d));
      for (size_t i = 0; i < samples.size(); i++) printf("%s%.3f", i ? "," : "", samples[i]);
      printf("]");
    }
    printf("}");
    fflush(stdout);
  }
  printf("]}\n");
  return 0;
}

static int series(int argc, char **argv) {
  const auto t0 = Clock::now();
  struct Slice { std::unique_ptr<DcmFileFormat> ff; double z; };
  std::vector<Slice> slices;
  Uint16 rows = 0, columns = 0;
  for (int a = 2; a < argc; a++) {
    // loadFile reads the header now and leaves Pixel Data on disk until it is needed (DCMTK's lazy loading).
    std::unique_ptr<DcmFileFormat> ff(new DcmFileFormat);
    if (ff->loadFile(argv[a], EXS_Unknown, EGL_noChange, DCM_MaxReadLength).bad()) return 1;
    DcmDataset *ds = ff->getDataset();
    Float64 ipp[3] = {0, 0, 0}, iop[6] = {1, 0, 0, 0, 1, 0};
    for (int i = 0; i < 3; i++) ds->findAndGetFloat64(DCM_ImagePositionPatient, ipp[i], i);
    for (int i = 0; i < 6; i++) ds->findAndGetFloat64(DCM_ImageOrientationPatient, iop[i], i);
    const double n[3] = {iop[1] * iop[5] - iop[2] * iop[4], iop[2] * iop[3] - iop[0] * iop[5], iop[0] * iop[4] - iop[1] * iop[3]};
    ds->findAndGetUint16(DCM_Rows, rows);
    ds->findAndGetUint16(DCM_Columns, columns);
    slices.push_back({std::move(ff), ipp[0] * n[0] + ipp[1] * n[1] + ipp[2] * n[2]});
  }
  std::sort(slices.begin(), slices.end(), [](const Slice &x, const Slice &y) { return x.z < y.z; });
  const size_t sliceBytes = static_cast<size_t>(rows) * columns * 2;
  std::unique_ptr<Uint8[]> volume(new Uint8[sliceBytes * slices.size()]);
  for (size_t i = 0; i < slices.size(); i++) {
    DcmDataset *ds = slices[i].ff->getDataset();
    DcmElement *px = nullptr;
    Uint32 frameSize = 0, startFragment = 0;
    OFString colorModel;
    if (ds->findAndGetElement(DCM_PixelData, px).bad() || px->getUncompressedFrameSize(ds, frameSize).bad() || frameSize != sliceBytes) return 1;
    // Decoded (here: copied from the file) straight into the volume; the data set is freed after.
    if (px->getUncompressedFrame(ds, 0, startFragment, volume.get() + i * sliceBytes, frameSize, colorModel, nullptr).bad()) return 1;
    slices[i].ff.reset();
  }
  const double us = usSince(t0);
  long double sum = 0;
  for (size_t i = 0; i < sliceBytes * slices.size() / 2; i++) { Uint16 v; memcpy(&v, volume.get() + 2 * i, 2); sum += v; }
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  printf("{\"ms\":%.3f,\"maxRssKiB\":%ld,\"slices\":%zu,\"checksum\":%.0Lf}\n", us / 1000, ru.ru_maxrss, slices.size(), sum);
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: dcmtk_decode files WARMUP MIN_ITERS MIN_MS MAX_ITERS FILE... | series FILE...\n");
    return 2;
  }
  DJDecoderRegistration::registerCodecs();
  DJLSDecoderRegistration::registerCodecs();
  DcmRLEDecoderRegistration::registerCodecs();
  const std::string mode = argv[1];
  const int rc = mode == "files" && argc >= 7 ? files(argc, argv) : mode == "series" ? series(argc, argv) : 2;
  DcmRLEDecoderRegistration::cleanup();
  DJLSDecoderRegistration::cleanup();
  DJDecoderRegistration::cleanup();
  return rc;
}
