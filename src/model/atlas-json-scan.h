/* atlas-json-scan.h — a strict pass over raw JSON bytes before json-glib parses them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * json-glib 1.6 recurses while parsing (a deeply nested file overflows the
 * stack) and is lenient where a hostile file can hide or corrupt text: it keeps
 * raw control characters in strings, turns an unpaired surrogate escape into
 * invalid UTF-8, cuts a string at \u0000, lets a repeated member name silently
 * replace the first, wraps integers beyond 64 bits, and ignores what follows
 * the first document.  This scan refuses each of those, with the byte offset of
 * the culprit, and leaves every other syntax error to json-glib.  It also
 * bounds the number of values, whose tree takes some 30 times the memory of a
 * file like "[0,0,0,…]".
 *
 * Member names are compared as written: "a" and "\u0061" are not seen as the
 * same name.  The data must be valid UTF-8.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  ATLAS_JSON_SCAN_OK,
  ATLAS_JSON_SCAN_TOO_DEEP,   /* a bracket nested deeper than max_depth */
  ATLAS_JSON_SCAN_SYNTAX,     /* see *message */
  ATLAS_JSON_SCAN_TOO_MANY,   /* more than max_values values */
  ATLAS_JSON_SCAN_ENCODING,   /* atlas_json_scan_utf8: not UTF-8 (or a NUL byte) at *where */
} AtlasJsonScanResult;

/* json-glib's tree costs about this much memory per value */
#define ATLAS_JSON_BYTES_PER_VALUE 128

/* @max_values bounds the number of arrays, objects, array elements and object
 * members (counted from brackets and commas, so the memory json-glib will need
 * is known before it allocates any).  @where: byte offset of the problem;
 * @message: what is wrong (for SYNTAX), without a position, to be freed */
AtlasJsonScanResult atlas_json_scan (const char  *data,
                                     gsize        length,
                                     guint        max_depth,
                                     guint64      max_values,
                                     gsize       *where,
                                     char       **message);

/* The same scan on bytes not yet known to be UTF-8: the first byte that
 * g_utf8_validate would stop at, if any, is reported as ENCODING, before any
 * other problem (the verdict of g_utf8_validate_len, then atlas_json_scan, in
 * one pass) */
AtlasJsonScanResult atlas_json_scan_utf8 (const char  *data,
                                          gsize        length,
                                          guint        max_depth,
                                          guint64      max_values,
                                          gsize       *where,
                                          char       **message);

/* The same scan written plainly (a byte at a time, each object's names in a hash
 * table), for tests to compare verdicts with */
AtlasJsonScanResult atlas_json_scan_simple (const char  *data,
                                            gsize        length,
                                            guint        max_depth,
                                            guint64      max_values,
                                            gsize       *where,
                                            char       **message);

G_END_DECLS
