#!/bin/sh
# Makes the JPEGs beside this script, once, with libjpeg-turbo's tools
# (Debian: libjpeg-turbo-progs; jpegtran and cjpeg 2.1.5 made the committed
# ones): what image/jpeg's encoder never writes — restart intervals, 4:4:4,
# 4:2:2 and 1×2 sampling, optimised Huffman tables, non-interleaved and
# mixed scans (image/jpeg refuses those of a subsampled file with restarts),
# sizes that are not whole MCUs — for TestCheckJPEGSameAnswers
# to walk and mutate. The tests only read the results; they need no tool.
set -eu
cd "$(dirname "$0")"
root=../../..
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
harbour=$root/editions/samples/testdata/photos/lowres-harbour.jpg
good=$root/editions/testdata/hostile/good.jpg
djpeg "$good" >"$tmp/good.ppm"
jpegtran -crop 37x23+8+8 "$harbour" >crop.jpg
djpeg crop.jpg >"$tmp/crop.ppm"
printf '0;\n1;\n2;\n' >"$tmp/ni.txt"
printf '0;\n1 2;\n' >"$tmp/mix.txt"
printf '0;\n' >"$tmp/gray.txt"
jpegtran -restart 1B "$harbour" >harbour-r1b.jpg
jpegtran -optimize -restart 7B "$harbour" >harbour-r7b-opt.jpg
jpegtran -restart 1 "$harbour" >harbour-r1row.jpg
cjpeg -grayscale -restart 3B "$tmp/good.ppm" >good-gray-r3b.jpg
cjpeg -sample 1x1 -restart 2B "$tmp/good.ppm" >good-444-r2b.jpg
cjpeg -sample 2x1 -restart 5B -optimize "$tmp/good.ppm" >good-422-r5b.jpg
cjpeg -sample 1x2 -restart 4B "$tmp/good.ppm" >good-122-r4b.jpg
cjpeg -scans "$tmp/ni.txt" -restart 3B "$tmp/crop.ppm" >crop-noninterleaved-r3b.jpg
cjpeg -scans "$tmp/ni.txt" -sample 2x2 -optimize "$tmp/crop.ppm" >crop-noninterleaved-420.jpg
cjpeg -scans "$tmp/ni.txt" -sample 1x1 -restart 3B "$tmp/crop.ppm" >crop-noninterleaved-444-r3b.jpg
cjpeg -scans "$tmp/mix.txt" -sample 2x1 -restart 1B "$tmp/crop.ppm" >crop-mixed-r1b.jpg
cjpeg -quality 100 -sample 1x1 -restart 1B -optimize "$tmp/crop.ppm" >crop-q100-r1b.jpg
cjpeg -grayscale -scans "$tmp/gray.txt" -restart 2B "$tmp/crop.ppm" >crop-gray-r2b.jpg
# For TestOptimizeJPEGUnchanged: what OptimizeJPEG must give back as it is.
jpegtran -progressive crop.jpg >progressive.jpg
jpegtran -arithmetic crop.jpg >arithmetic.jpg
