#!/usr/bin/env python3
"""Reads a Maskmill VOC+COCO export with PIL and plain Python (no pycocotools) and prints a JSON
summary; exits non-zero with a message on the first inconsistency. Used by ExportServiceTest."""
import json
import os
import sys

from PIL import Image


def voc_colour(i):
    r = g = b = 0
    for k in range(8):
        r |= ((i >> (3 * k)) & 1) << (7 - k)
        g |= ((i >> (3 * k + 1)) & 1) << (7 - k)
        b |= ((i >> (3 * k + 2)) & 1) << (7 - k)
    return (r, g, b)


def rle_counts(s):
    counts, p = [], 0
    while p < len(s):
        x, k, more = 0, 0, True
        while more:
            c = ord(s[p]) - 48
            x |= (c & 0x1f) << (5 * k)
            more = bool(c & 0x20)
            p += 1
            k += 1
            if not more and (c & 0x10):
                x |= -1 << (5 * k)
        if len(counts) > 2:
            x += counts[-2]
        counts.append(x)
    return counts


def decode(rle):
    h, w = rle["size"]
    pixels = set()
    pos, value = 0, 0
    for n in rle_counts(rle["counts"]):
        if value:
            for q in range(pos, pos + n):
                pixels.add((q % h, q // h))  # (row, col)
        pos += n
        value = 1 - value
    if pos != h * w:
        sys.exit("RLE covers %d pixels, not %d" % (pos, h * w))
    return pixels


def fail(msg):
    sys.exit("python reader: " + msg)


root = sys.argv[1]
coco = json.load(open(os.path.join(root, "annotations", "instances_train.json")))
ids = [l.strip() for l in open(os.path.join(root, "ImageSets", "Segmentation", "train.txt")) if l.strip()]
images_by_file = {im["file_name"]: im for im in coco["images"]}
anns_by_image = {}
for a in coco["annotations"]:
    anns_by_image.setdefault(a["image_id"], []).append(a)
label_pixels = {}
for sid in ids:
    cls = Image.open(os.path.join(root, "SegmentationClass", sid + ".png"))
    obj = Image.open(os.path.join(root, "SegmentationObject", sid + ".png"))
    jpg = Image.open(os.path.join(root, "JPEGImages", sid + ".jpg"))
    if cls.mode != "P" or obj.mode != "P":
        fail("%s: masks must be palette PNGs, got %s/%s" % (sid, cls.mode, obj.mode))
    pal = cls.getpalette()
    for i in (0, 1, 2, 3, 255):
        if tuple(pal[3 * i:3 * i + 3]) != voc_colour(i):
            fail("%s: palette entry %d is %s, not the VOC colour %s" % (sid, i, pal[3 * i:3 * i + 3], voc_colour(i)))
    w, h = cls.size
    if jpg.size != (w, h) or obj.size != (w, h):
        fail("%s: sizes differ" % sid)
    c, o = cls.load(), obj.load()
    for y in range(h):
        for x in range(w):
            label_pixels[c[x, y]] = label_pixels.get(c[x, y], 0) + 1
            if (c[x, y] == 255) != (o[x, y] == 255):
                fail("%s: ignore pixels differ between class and object masks at %d,%d" % (sid, x, y))
    im = images_by_file[sid + ".jpg"]
    if (im["width"], im["height"]) != (w, h):
        fail("%s: COCO size differs" % sid)
    for a in anns_by_image.get(im["id"], []):
        pix = decode(a["segmentation"])
        if len(pix) != a["area"]:
            fail("%s: annotation %d area %d but RLE has %d pixels" % (sid, a["id"], a["area"], len(pix)))
        rows = [p[0] for p in pix]
        cols = [p[1] for p in pix]
        box = [min(cols), min(rows), max(cols) - min(cols) + 1, max(rows) - min(rows) + 1]
        if box != a["bbox"]:
            fail("%s: annotation %d bbox %s but pixels span %s" % (sid, a["id"], a["bbox"], box))
        index = {o[x, y] for (y, x) in pix}
        labels = {c[x, y] for (y, x) in pix}
        if len(index) != 1 or labels != {a["category_id"]}:
            fail("%s: annotation %d covers object indices %s and labels %s" % (sid, a["id"], index, labels))
print(json.dumps({
    "images": len(ids),
    "annotations": len(coco["annotations"]),
    "categories": [[c["id"], c["name"]] for c in coco["categories"]],
    "labelPixels": {str(k): v for k, v in sorted(label_pixels.items())},
}, sort_keys=True))
