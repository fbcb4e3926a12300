/* test-json-scan.c — the fast JSON pre-scan gives the plain scan's verdicts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "atlas-test"

#include "config.h"

#include <string.h>

#include "atlas-json-scan.h"
#include "atlas-json.h"

#define DEPTH 16
#define VALUES 1000

typedef struct
{
  AtlasJsonScanResult result;
  gsize               where;
  char               *message;
} Verdict;

static void
scan_both (const char *data,
           gsize       length,
           Verdict    *fast)
{
  Verdict plain;

  fast->result = atlas_json_scan (data, length, DEPTH, VALUES, &fast->where, &fast->message);
  plain.result = atlas_json_scan_simple (data, length, DEPTH, VALUES, &plain.where,
                                         &plain.message);

  if (fast->result != plain.result || g_strcmp0 (fast->message, plain.message) != 0
      || (fast->result != ATLAS_JSON_SCAN_OK && fast->where != plain.where))
    g_error ("verdicts differ on «%.*s»: %d at %zu (%s) vs %d at %zu (%s)", (int) length, data,
             fast->result, fast->where, fast->message, plain.result, plain.where,
             plain.message);
  g_free (plain.message);
}

/* atlas_json_scan_utf8 against g_utf8_validate_len, then the plain scan */
static void
scan_utf8_both (const char *data,
                gsize       length,
                Verdict    *fused)
{
  Verdict plain = { ATLAS_JSON_SCAN_OK, 0, NULL };
  const char *invalid;

  fused->result = atlas_json_scan_utf8 (data, length, DEPTH, VALUES, &fused->where,
                                        &fused->message);
  if (!g_utf8_validate_len (data, length, &invalid))
    {
      plain.result = ATLAS_JSON_SCAN_ENCODING;
      plain.where = (gsize) (invalid - data);
    }
  else
    plain.result = atlas_json_scan_simple (data, length, DEPTH, VALUES, &plain.where,
                                           &plain.message);

  if (fused->result != plain.result || g_strcmp0 (fused->message, plain.message) != 0
      || (fused->result != ATLAS_JSON_SCAN_OK && fused->where != plain.where))
    g_error ("UTF-8 verdicts differ on «%.*s»: %d at %zu (%s) vs %d at %zu (%s)", (int) length,
             data, fused->result, fused->where, fused->message, plain.result, plain.where,
             plain.message);
  g_free (plain.message);
}

static void
check_utf8 (const char          *data,
            gsize                length,
            AtlasJsonScanResult  result,
            gsize                where)
{
  Verdict fused;

  if (length == (gsize) -1)
    length = strlen (data);
  scan_utf8_both (data, length, &fused);
  g_assert_cmpint (fused.result, ==, result);
  if (result != ATLAS_JSON_SCAN_OK)
    g_assert_cmpuint (fused.where, ==, where);
  g_free (fused.message);
}

static void
check (const char          *data,
       AtlasJsonScanResult  result,
       gsize                where,
       const char          *message)
{
  Verdict fast;

  scan_both (data, strlen (data), &fast);
  g_assert_cmpint (fast.result, ==, result);
  if (result != ATLAS_JSON_SCAN_OK)
    g_assert_cmpuint (fast.where, ==, where);
  g_assert_cmpstr (fast.message, ==, message);
  g_free (fast.message);
}

/* Strings whose special bytes fall at every place of an eight-byte word */
static void
test_string_bodies (void)
{
  for (guint pad = 0; pad < 20; pad++)
    {
      g_autofree char *spaces = g_strnfill (pad, 'a');
      g_autofree char *plain = g_strdup_printf ("[\"%s\"]", spaces);
      g_autofree char *escaped = g_strdup_printf ("[\"%s\\\"x\\\\\"]", spaces);
      g_autofree char *control = g_strdup_printf ("[\"%s\tx\"]", spaces);
      g_autofree char *multibyte = g_strdup_printf ("[\"%sé€😀\x01\"]", spaces);
      g_autofree char *lone = g_strdup_printf ("[\"%s\\udc00\"]", spaces);
      g_autofree char *pair = g_strdup_printf ("[\"%s\\ud83d\\ude00\"]", spaces);
      g_autofree char *bad_escape = g_strdup_printf ("[\"%s\\q\"]", spaces);
      g_autofree char *open = g_strdup_printf ("[\"%s\\", spaces);
      g_autofree char *open_u = g_strdup_printf ("[\"%s\\u12", spaces);

      check (plain, ATLAS_JSON_SCAN_OK, 0, NULL);
      check (escaped, ATLAS_JSON_SCAN_OK, 0, NULL);
      check (control, ATLAS_JSON_SCAN_SYNTAX, 2 + pad,
             "raw control character U+0009 in a string (JSON needs it escaped, as \\u0009)");
      check (multibyte, ATLAS_JSON_SCAN_SYNTAX, 2 + pad + 2 + 3 + 4,
             "raw control character U+0001 in a string (JSON needs it escaped, as \\u0001)");
      check (lone, ATLAS_JSON_SCAN_SYNTAX, 2 + pad, "unpaired surrogate \\udc00 in a string");
      check (pair, ATLAS_JSON_SCAN_OK, 0, NULL);
      check (bad_escape, ATLAS_JSON_SCAN_SYNTAX, 2 + pad, "invalid escape \\q in a string");
      /* cut after a backslash or inside \u: json-glib reports the unterminated string */
      check (open, ATLAS_JSON_SCAN_OK, 0, NULL);
      check (open_u, ATLAS_JSON_SCAN_SYNTAX, 2 + pad,
             "invalid \\u escape (it needs four hexadecimal digits)");
    }
}

static void
test_member_names (void)
{
  g_autoptr(GString) big = g_string_new ("{");
  const char *nested = "{\"x\":{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,\"f\":6,\"g\":7,\"h\":8,"
                       "\"i\":9,\"j\":10,\"k\":11,\"l\":12,\"m\":13,\"n\":14,\"o\":15,\"p\":16,"
                       "\"q\":17,\"r\":18},\"y\":1,\"x\":2}";

  /* the same name in sibling and nested objects is fine */
  check ("{\"a\":{\"a\":1,\"b\":{\"a\":2}},\"b\":[{\"a\":1},{\"a\":2}]}", ATLAS_JSON_SCAN_OK, 0,
         NULL);
  /* names are compared as written, lengths first */
  check ("{\"ab\":1,\"a\":2,\"abc\":3,\"\\u0061\":4}", ATLAS_JSON_SCAN_OK, 0, NULL);
  check ("{\"ab\":1,\"a\":2,\"ab\":3}", ATLAS_JSON_SCAN_SYNTAX, 14,
         "duplicate member name \"ab\" in an object");
  /* a duplicate after a nested object that had many names of its own */
  check (nested, ATLAS_JSON_SCAN_SYNTAX, strlen (nested) - strlen ("\"x\":2}"),
         "duplicate member name \"x\" in an object");
  check ("{\"\":1,\"\":2}", ATLAS_JSON_SCAN_SYNTAX, 6, "duplicate member name \"\" in an object");

  /* a big object: the duplicate of its first name, found after the switch to a set */
  for (guint i = 0; i < 40; i++)
    g_string_append_printf (big, "\"n%u\":%u,", i, i);
  g_string_append (big, "\"n0\":0}");
  check (big->str, ATLAS_JSON_SCAN_SYNTAX, big->len - 7,
         "duplicate member name \"n0\" in an object");
}

static void
test_integers (void)
{
  check ("[999999999999999999,-999999999999999999]", ATLAS_JSON_SCAN_OK, 0, NULL);
  check ("[9223372036854775807,-9223372036854775808]", ATLAS_JSON_SCAN_OK, 0, NULL);
  check ("[9223372036854775808]", ATLAS_JSON_SCAN_SYNTAX, 1,
         "integer 9223372036854775808 is out of range (-9223372036854775808 to "
         "9223372036854775807)");
  check ("[-9223372036854775809]", ATLAS_JSON_SCAN_SYNTAX, 1,
         "integer -9223372036854775809 is out of range (-9223372036854775808 to "
         "9223372036854775807)");
}

/* The encoding found in the same pass, and first whatever else is wrong */
static void
test_utf8 (void)
{
  static const char nul_in_string[] = "[\"ab\0c\"]";
  static const char nul_outside[] = "[1, \0]";

  check_utf8 ("[\"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\"]", (gsize) -1, ATLAS_JSON_SCAN_OK, 0);
  for (guint pad = 0; pad < 12; pad++)
    {
      g_autofree char *fill = g_strnfill (pad, 'a');
      g_autofree char *cut = g_strdup_printf ("[\"%s\xE2\x82\"]", fill);
      g_autofree char *surrogate = g_strdup_printf ("[\"%s\xED\xA0\x80\"]", fill);
      g_autofree char *beyond = g_strdup_printf ("[\"%s\xF4\x90\x80\x80\"]", fill);
      g_autofree char *overlong = g_strdup_printf ("[\"%s\xC0\xAF\"]", fill);
      g_autofree char *late = g_strdup_printf ("['%s', \"\xFF\"]", fill);

      check_utf8 (cut, strlen (cut), ATLAS_JSON_SCAN_ENCODING, 2 + pad);
      check_utf8 (surrogate, strlen (surrogate), ATLAS_JSON_SCAN_ENCODING, 2 + pad);
      check_utf8 (beyond, strlen (beyond), ATLAS_JSON_SCAN_ENCODING, 2 + pad);
      check_utf8 (overlong, strlen (overlong), ATLAS_JSON_SCAN_ENCODING, 2 + pad);
      /* the single quote comes first in the file, the bad byte wins */
      check_utf8 (late, strlen (late), ATLAS_JSON_SCAN_ENCODING, 6 + pad);
    }
  check_utf8 (nul_in_string, sizeof nul_in_string - 1, ATLAS_JSON_SCAN_ENCODING, 4);
  check_utf8 (nul_outside, sizeof nul_outside - 1, ATLAS_JSON_SCAN_ENCODING, 4);
  check_utf8 ("[1] \xC3\xA9", (gsize) -1, ATLAS_JSON_SCAN_SYNTAX, 4);
  check_utf8 ("{\"\xC3\xA9\":1,\"\xC3\xA9\":2}", (gsize) -1, ATLAS_JSON_SCAN_SYNTAX, 8);
}

static const char * const seeds[] = {
  "{\"format\":\"event-atlas\",\"events\":[{\"id\":\"e1\",\"start\":\"2016-12-01\","
  "\"title\":\"Caf\xC3\xA9 \\u00e9 \\ud83d\\ude00 long enough to span words\","
  "\"places\":[{\"location\":\"l1\",\"role\":\"occurred\"}],\"n\":-12.5e3}]}",
  "[1, 2.5, -0, 1e9, \"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\", true, false, null, {}, []]",
  "{\"a\":{\"b\":{\"c\":[{\"d\":\"\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC\"}]}}}",
};

/* Pieces a mutation inserts: each special case of the scan */
static const char * const pieces[] = {
  "\"", "\\", "\\u", "\\u0000", "\\ud800", "\\udc00", "\\ud800\\udc00", "\\x", "\t", "\x1f",
  "{", "}", "[", "]", ",", ":", "'", "-", "0", "12345678901234567890", ".", "e", "E+",
  "\"a\":1,", "\"a\"", "\xC3\xA9", "\xF0\x9F\x98\x80", "        ", "-Infinity", "01",
};

/* and for the UTF-8 check: bytes that are not UTF-8 (the empty piece is a NUL) */
static const char * const bad_pieces[] = {
  "\xC3", "\x80", "\xBF\xBF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xC0\xAF", "\xE2\x82",
  "\xF0\x9F\x98", "\xFE", "",
};

/* Random edits of valid documents, and every cut of each: the verdicts agree */
static void
test_random_edits (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (6);

  for (guint s = 0; s < G_N_ELEMENTS (seeds); s++)
    {
      gsize length = strlen (seeds[s]);

      for (gsize cut = 0; cut <= length; cut++)
        {
          Verdict verdict;

          scan_both (seeds[s], cut, &verdict);
          g_free (verdict.message);
          scan_utf8_both (seeds[s], cut, &verdict);
          g_free (verdict.message);
        }
    }

  for (guint n = 0; n < 20000; n++)
    {
      g_autoptr(GString) text = g_string_new (seeds[g_rand_int_range (rand, 0,
                                                                      G_N_ELEMENTS (seeds))]);
      guint edits = (guint) g_rand_int_range (rand, 1, 4);
      Verdict verdict;

      for (guint e = 0; e < edits; e++)
        {
          gsize at = (gsize) g_rand_int_range (rand, 0, (gint32) text->len + 1);

          /* keep to character boundaries: the scan is given valid UTF-8 */
          while (at < text->len && (text->str[at] & 0xC0) == 0x80)
            at++;
          g_string_insert (text, (gssize) at,
                           pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
        }

      scan_both (text->str, text->len, &verdict);
      g_free (verdict.message);
      scan_utf8_both (text->str, text->len, &verdict);
      g_free (verdict.message);

      /* and once more with a byte sequence that is not UTF-8, anywhere */
      if (n % 2 == 0)
        {
          const char *bad = bad_pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (bad_pieces))];
          gsize at = (gsize) g_rand_int_range (rand, 0, (gint32) text->len + 1);

          g_string_insert_len (text, (gssize) at, *bad != '\0' ? bad : "\0",
                               *bad != '\0' ? (gssize) strlen (bad) : 1);
          scan_utf8_both (text->str, text->len, &verdict);
          g_free (verdict.message);
        }
    }
}

/* the hand-written path gives printf's text */
static void
test_path_index (void)
{
  static const guint indexes[] = { 0, 7, 9, 10, 99, 100, 12345, G_MAXINT, G_MAXUINT };

  for (guint i = 0; i < G_N_ELEMENTS (indexes); i++)
    {
      g_autofree char *expected = g_strdup_printf ("events[%u]", indexes[i]);
      g_autofree char *path = atlas_json_path_index ("events", indexes[i]);
      g_autofree char *nested_expected = g_strdup_printf ("events[3].places[%u]", indexes[i]);
      g_autofree char *nested = atlas_json_path_index ("events[3].places", indexes[i]);
      g_autofree char *bare_expected = g_strdup_printf ("[%u]", indexes[i]);
      g_autofree char *bare = atlas_json_path_index ("", indexes[i]);

      g_assert_cmpstr (path, ==, expected);
      g_assert_cmpstr (nested, ==, nested_expected);
      g_assert_cmpstr (bare, ==, bare_expected);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-scan/string-bodies", test_string_bodies);
  g_test_add_func ("/json-scan/member-names", test_member_names);
  g_test_add_func ("/json-scan/integers", test_integers);
  g_test_add_func ("/json-scan/utf8", test_utf8);
  g_test_add_func ("/json-scan/random-edits", test_random_edits);
  g_test_add_func ("/json/path-index", test_path_index);

  return g_test_run ();
}
