/* test-loader.c — the loader against valid and hostile files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include <sys/resource.h>

#include "atlas-json-scan.h"
#include "atlas-model.h"

typedef struct
{
  const char *name;
  int         code;
  const char *message;   /* each "@" is replaced by the file's display name */
} BadCase;

static const BadCase bad_cases[] = {
  { "empty.json", ATLAS_DATASET_ERROR_EMPTY, "@: the file is empty" },
  { "whitespace.json", ATLAS_DATASET_ERROR_EMPTY, "@: the file is empty" },
  { "not-json.txt", ATLAS_DATASET_ERROR_SYNTAX,
    "@:1:4: Parse error: unexpected identifier `this', expected value" },
  { "truncated.json", ATLAS_DATASET_ERROR_SYNTAX,
    "@:27:4: Parse error: unexpected character `,', expected string constant" },
  { "invalid-utf8.json", ATLAS_DATASET_ERROR_ENCODING, "@:3:16: invalid UTF-8 (byte 0xE9)" },
  /* found by the fuzzer: json-glib quotes the bad string cut inside a character;
   * the message stays valid UTF-8 (U+FFFD where the cut is) */
  { "split-character-in-message.json", ATLAS_DATASET_ERROR_SYNTAX,
    "@:13:67: Parse error: invalid string constant \"H\u00e9llo w\u00f6rld. Troops entere"
    "\ufffd\", expected valid string constant" },
  { "nul-byte.json", ATLAS_DATASET_ERROR_ENCODING, "@:1:38: NUL byte" },
  { "root-array.json", ATLAS_DATASET_ERROR_FORMAT,
    "@: not an event-atlas dataset (expected a JSON object, got an array)" },
  /* found by the fuzzer: the first member name of a file in an array was compared
   * through a NULL array (undefined behaviour, caught by UBSan) */
  { "fuzz-first-name-null.json", ATLAS_DATASET_ERROR_FORMAT,
    "@: not an event-atlas dataset (expected a JSON object, got an array)" },
  /* found by the fuzzer: GMarkup quotes a KML name cut inside a character; the
   * message stays valid UTF-8 */
  { "fuzz-kml-split-character.kml", ATLAS_DATASET_ERROR_SYNTAX,
    "@:2:50: \u201cxml\ufeffevent_id_cnty,event_date,year,time_ns\u201d is not a valid name: "
    "\u201c\ufffd\u201d" },
  { "not-event-atlas.json", ATLAS_DATASET_ERROR_FORMAT,
    "@: not an event-atlas dataset, GeoJSON FeatureCollection, TimelineJS timeline or "
    "StoryMapJS story (expected \"format\": \"event-atlas\")" },
  { "version-2.json", ATLAS_DATASET_ERROR_VERSION,
    "@: version 2 is newer than this program understands (it reads version 1)" },
  { "version-0.json", ATLAS_DATASET_ERROR_FORMAT,
    "@: version 0 is not a valid version (versions start at 1)" },
  { "version-string.json", ATLAS_DATASET_ERROR_FORMAT,
    "@: version: expected an integer, got a string" },
  { "wrong-types.json", ATLAS_DATASET_ERROR_INVALID,
    "@: actors[0].aliases: expected an array, got a string\n"
    "@: locations[0].lat: expected a number, got a string\n"
    "@: events[0].title: expected a string, got a number" },
  { "missing-id.json", ATLAS_DATASET_ERROR_INVALID,
    "@: locations[0].name: a required member is missing\n"
    "@: events[0].id: a required member is missing" },
  { "missing-events.json", ATLAS_DATASET_ERROR_INVALID,
    "@: events: a required member is missing" },
  { "empty-id.json", ATLAS_DATASET_ERROR_INVALID, "@: actors[1].id: must not be empty" },
  { "duplicate-id.json", ATLAS_DATASET_ERROR_INVALID,
    "@: actors[2].id: duplicate id \"a1\" (first at actors[0])" },
  { "dangling-location.json", ATLAS_DATASET_ERROR_INVALID,
    "@: events[0].places[0].location: unknown location \"foo\"" },
  { "dangling-actor.json", ATLAS_DATASET_ERROR_INVALID,
    "@: events[0].participants[1].actor: unknown actor \"ghost\"" },
  { "dangling-source.json", ATLAS_DATASET_ERROR_INVALID,
    "@: events[0].source.source: unknown source \"s9\"" },
  { "affiliation-cycle.json", ATLAS_DATASET_ERROR_INVALID,
    "@: actors[1].affiliation: affiliation cycle: a1 → a3 → a2 → a1" },
  { "parent-cycle.json", ATLAS_DATASET_ERROR_INVALID,
    "@: locations[1].parent: parent cycle: l2 → l2" },
  { "lat-out-of-range.json", ATLAS_DATASET_ERROR_INVALID,
    "@: locations[0].lat: 95.5 is out of range (-90 to 90)\n"
    "@: locations[0].lon: -181 is out of range (-180 to 180)" },
  { "lat-infinite.json", ATLAS_DATASET_ERROR_INVALID,
    "@: locations[0].lat: expected a finite number" },
  { "negative-precision.json", ATLAS_DATASET_ERROR_INVALID,
    "@: locations[0].precision_m: must not be negative, got -5" },
  { "area-too-few-points.json", ATLAS_DATASET_ERROR_INVALID,
    "@: locations[0].area: an area needs at least 3 distinct points, got 2" },
  { "area-bad-pairs.json", ATLAS_DATASET_ERROR_INVALID,
    "@: locations[0].area[1]: expected a [lon, lat] pair, got an array of another length\n"
    "@: locations[0].area[2][1]: 96 is out of range (-90 to 90)\n"
    "@: locations[0].area[3]: expected a [lon, lat] pair, got a string" },
  { "bad-date.json", ATLAS_DATASET_ERROR_INVALID,
    "@: events[0].start: 2016-02-30: day 30 does not exist in February 2016" },
  { "date-without-offset.json", ATLAS_DATASET_ERROR_INVALID,
    "@: events[0].start: 2016-12-05T14:00:00: a date-time needs a UTC offset (Z or ±HH:MM); "
    "without one it is ambiguous" },
  { "end-before-start.json", ATLAS_DATASET_ERROR_INVALID,
    "@: events[0].end: 2016-12-01 is before the start 2016-12-05" },
  { "precision-too-fine.json", ATLAS_DATASET_ERROR_INVALID,
    "@: events[0].date_precision: \"day\" is finer than the start \"2016-12\" carries (month)" },
  { "unknown-word.json", ATLAS_DATASET_ERROR_INVALID,
    "@: actors[0].kind: unknown word \"soldier\" (expected one of: person, government, state, "
    "armed-group, military-unit, international-body, vessel, aircraft, civilians, organisation)\n"
    "@: events[0].places[0].role: unknown word \"nearby\" (expected one of: occurred, about, "
    "origin, destination)" },
  { "excerpt-mismatch.json", ATLAS_DATASET_ERROR_INVALID,
    "@: events[0].source.excerpt: not found at offset 13 of the text of source \"s1\"; "
    "the text there reads \"Troops entered Aleppo on Mond\"" },
  { "offset-beyond-text.json", ATLAS_DATASET_ERROR_INVALID,
    "@: events[0].source.offset: offset 500 is beyond the end of the text of source \"s1\" "
    "(45 characters)" },
  { "negative-fatalities.json", ATLAS_DATASET_ERROR_INVALID,
    "@: events[0].fatalities.civilians: must not be negative, got -3\n"
    "@: events[0].fatalities.soldiers.count: must not be negative, got -1\n"
    "@: events[0].fatalities.others: expected a non-negative integer or {\"count\": n, "
    "\"qualifier\": word}, got a string" },
  { "multiple-problems.json", ATLAS_DATASET_ERROR_INVALID,
    "@: actors[1].affiliation: unknown actor \"nobody\"\n"
    "@: locations[0].lon: 200 is out of range (-180 to 180)\n"
    "@: events[0].title: expected a string, got null\n"
    "@: events[0].start: 2016-13-01: month 13 does not exist\n"
    "@: events[0].places[0].location: unknown location \"nowhere\"" },
  /* what json-glib would let through (atlas-json-scan.h) */
  { "control-character.json", ATLAS_DATASET_ERROR_SYNTAX,
    "@:40:23: raw control character U+0009 in a string (JSON needs it escaped, as \\u0009)" },
  { "raw-newline.json", ATLAS_DATASET_ERROR_SYNTAX,
    "@:40:23: raw control character U+000A in a string (JSON needs it escaped, as \\u000A)" },
  { "unpaired-surrogate.json", ATLAS_DATASET_ERROR_SYNTAX,
    "@:40:24: unpaired surrogate \\ud800 in a string" },
  { "lone-low-surrogate.json", ATLAS_DATASET_ERROR_SYNTAX,
    "@:19:18: unpaired surrogate \\udc01 in a string" },
  { "escaped-nul.json", ATLAS_DATASET_ERROR_SYNTAX,
    "@:40:23: \\u0000 is not allowed in a string (it would cut the text short)" },
  { "invalid-escape.json", ATLAS_DATASET_ERROR_SYNTAX, "@:40:24: invalid escape \\x in a string" },
  { "duplicate-member.json", ATLAS_DATASET_ERROR_SYNTAX,
    "@:41:7: duplicate member name \"title\" in an object" },
  { "integer-overflow.json", ATLAS_DATASET_ERROR_SYNTAX,
    "@:43:35: integer 99999999999999999999 is out of range "
    "(-9223372036854775808 to 9223372036854775807)" },
  { "hex-number.json", ATLAS_DATASET_ERROR_SYNTAX, "@:32:14: invalid number “0x24”" },
  { "leading-zero.json", ATLAS_DATASET_ERROR_SYNTAX, "@:33:14: invalid number “037.16”" },
  { "single-quotes.json", ATLAS_DATASET_ERROR_SYNTAX,
    "@:34:7: single quotes are not JSON (strings take double quotes)" },
  { "trailing-content.json", ATLAS_DATASET_ERROR_SYNTAX,
    "@:62:1: unexpected content after the end of the document" },
  { "nan.json", ATLAS_DATASET_ERROR_SYNTAX,
    "@:32:16: Parse error: unexpected identifier `NaN', expected value" },
  { "huge-exponent.json", ATLAS_DATASET_ERROR_INVALID,
    "@: locations[0].lon: expected a finite number" },
};

static char *
expand (const char *pattern,
        const char *display_name)
{
  g_auto(GStrv) parts = g_strsplit (pattern, "@", -1);

  return g_strjoinv (display_name, parts);
}

static void
assert_load_fails (GFile      *file,
                   int         code,
                   const char *pattern)
{
  g_autoptr(AtlasDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = expand (pattern, g_file_peek_path (file));

  dataset = atlas_dataset_new_from_file (file, NULL, &error);
  g_assert_null (dataset);
  g_assert_error (error, ATLAS_DATASET_ERROR, code);
  g_assert_cmpstr (error->message, ==, expected);
}

static void
test_bad (gconstpointer data)
{
  const BadCase *bad = data;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "bad", bad->name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  assert_load_fails (file, bad->code, bad->message);
}

static AtlasDataset *
load_ok (const char *first,
         ...)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  AtlasDataset *dataset;
  va_list args;
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  g_ptr_array_add (parts, (gpointer) g_test_get_dir (G_TEST_DIST));
  g_ptr_array_add (parts, (gpointer) "data");
  va_start (args, first);
  for (const char *p = first; p != NULL; p = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) p);
  va_end (args);
  g_ptr_array_add (parts, NULL);

  path = g_build_filenamev ((char **) parts->pdata);
  file = g_file_new_for_path (path);
  dataset = atlas_dataset_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dataset);
  g_assert_true (atlas_dataset_get_file (dataset) == NULL
                 || g_file_equal (atlas_dataset_get_file (dataset), file));
  return dataset;
}

static void
check_minimal (AtlasDataset *dataset)
{
  AtlasEvent *event;
  AtlasActor *a1, *a2;
  AtlasLocation *l1;
  AtlasSource *s1;
  AtlasParticipantRole role;
  const guint *events;
  guint n;

  g_assert_cmpstr (atlas_dataset_get_title (dataset), ==, "Minimal");
  g_assert_cmpstr (atlas_dataset_get_language (dataset), ==, "en");
  g_assert_cmpuint (atlas_dataset_get_n_events (dataset), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (atlas_dataset_get_actors (dataset)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (atlas_dataset_get_locations (dataset)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (atlas_dataset_get_sources (dataset)), ==, 1);

  event = atlas_dataset_lookup_event (dataset, "e1");
  g_assert_nonnull (event);
  g_assert_true (atlas_dataset_get_event (dataset, 0) == event);
  g_assert_cmpuint (atlas_event_get_index (event), ==, 0);
  g_assert_cmpstr (atlas_event_get_title (event), ==, "Troops enter");
  g_assert_cmpstr (atlas_event_get_category (event), ==, "military");
  g_assert_true (atlas_event_get_category (event) == g_intern_string ("military"));
  g_assert_cmpint (atlas_event_get_start (event), ==, atlas_time_from_civil (2016, 12, 5, 0, 0, 0));
  g_assert_cmpint (atlas_event_get_end (event), ==, ATLAS_TIME_NONE);
  g_assert_cmpint (atlas_event_get_precision (event), ==, ATLAS_PRECISION_DAY);
  g_assert_cmpint (atlas_event_get_basis (event), ==, ATLAS_BASIS_STATED);
  g_assert_cmpstr (atlas_event_get_start_text (event), ==, "2016-12-05");

  a1 = atlas_dataset_lookup_actor (dataset, "a1");
  a2 = atlas_dataset_lookup_actor (dataset, "a2");
  g_assert_cmpint (atlas_actor_get_kind (a1), ==, ATLAS_ACTOR_KIND_ARMED_GROUP);
  g_assert_cmpint (atlas_actor_get_kind (a2), ==, ATLAS_ACTOR_KIND_OTHER);
  g_assert_true (atlas_actor_get_affiliation (a2) == a1);
  g_assert_true (atlas_actor_is_member_of (a2, a1));
  g_assert_false (atlas_actor_is_member_of (a1, a2));
  g_assert_cmpuint (atlas_actor_get_n_events (a1), ==, 1);
  g_assert_cmpuint (atlas_actor_get_n_events (a2), ==, 0);
  g_assert_true (atlas_event_get_participant (event, 0, &role) == a1);
  g_assert_cmpint (role, ==, ATLAS_PARTICIPANT_ROLE_AGENT);

  events = atlas_dataset_get_actor_events (dataset, a1, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (events[0], ==, 0);
  atlas_dataset_get_actor_events (dataset, a2, &n);
  g_assert_cmpuint (n, ==, 0);

  l1 = atlas_dataset_lookup_location (dataset, "l1");
  g_assert_cmpfloat_with_epsilon (atlas_location_get_latitude (l1), 36.2, 1e-9);
  g_assert_cmpint (atlas_location_get_kind (l1), ==, ATLAS_LOCATION_KIND_CITY);
  g_assert_cmpuint (atlas_location_get_n_events (l1), ==, 1);
  events = atlas_dataset_get_location_events (dataset, l1, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (events[0], ==, 0);

  s1 = atlas_dataset_lookup_source (dataset, "s1");
  g_assert_true (atlas_event_get_source (event) == s1);
  g_assert_null (atlas_source_get_url (s1));
  g_assert_cmpuint (atlas_source_get_text_length (s1), ==, 45);
  g_assert_cmpint (atlas_source_char_to_byte (s1, 13), ==, 15);   /* é and ö are 2 bytes */
  g_assert_cmpint (atlas_source_char_to_byte (s1, 46), ==, -1);
  g_assert_cmpint (atlas_event_get_excerpt_offset (event), ==, 13);
  g_assert_cmpint (atlas_source_get_published_time (s1), ==,
                   atlas_time_from_civil (2016, 12, 5, 0, 0, 0));
}

static void
test_minimal (void)
{
  g_autoptr(AtlasDataset) dataset = load_ok ("minimal.json", NULL);

  check_minimal (dataset);
}

static void
test_bom (void)
{
  g_autoptr(AtlasDataset) dataset = load_ok ("bad", "bom.json", NULL);

  check_minimal (dataset);
}

static void
test_unknown_members (void)
{
  g_autoptr(AtlasDataset) dataset = load_ok ("unknown-members.json", NULL);

  check_minimal (dataset);
}

static void
test_brackets_in_strings (void)
{
  /* 400 brackets and escaped quotes inside a string do not count as nesting */
  g_autoptr(AtlasDataset) dataset = load_ok ("brackets-in-strings.json", NULL);

  g_assert_true (g_str_has_prefix (atlas_dataset_get_description (dataset), "brackets"));
}

static GFile *
write_temp (const char  *name,
            const char  *contents,
            gsize        length,
            char       **dir_out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("atlas-test-XXXXXX", &error);
  g_autofree char *path = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, name, NULL);
  g_file_set_contents (path, contents, (gssize) length, &error);
  g_assert_no_error (error);
  *dir_out = g_steal_pointer (&dir);
  return g_file_new_for_path (path);
}

static void
remove_temp (GFile *file,
             char  *dir)
{
  g_unlink (g_file_peek_path (file));
  g_rmdir (dir);
}

static void
test_deep_nesting (void)
{
  const gsize depth = 100000;
  g_autoptr(GString) text = g_string_new ("{\"format\": \"event-atlas\", \"x\": ");
  g_autofree char *dir = NULL;
  g_autoptr(GFile) file = NULL;

  for (gsize i = 0; i < depth; i++)
    g_string_append_c (text, '[');
  for (gsize i = 0; i < depth; i++)
    g_string_append_c (text, ']');
  g_string_append (text, "}\n");

  file = write_temp ("deep-nesting.json", text->str, text->len, &dir);
  /* the root object is level 1 and the brackets start at column 32: the 64th,
   * at level 65, is at column 95 */
  assert_load_fails (file, ATLAS_DATASET_ERROR_TOO_DEEP,
                     "@:1:95: nesting deeper than 64 levels");
  remove_temp (file, dir);
}

static void
test_huge_string (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *dir = NULL;
  g_autoptr(GFile) file = NULL;

  g_string_append (text, "{\"format\": \"event-atlas\", \"version\": 1, \"title\": \"");
  for (gsize i = 0; i < 2 * 1024 * 1024; i++)
    g_string_append_c (text, 'x');
  g_string_append (text, "\", \"actors\": [], \"locations\": [], \"events\": []}\n");

  file = write_temp ("huge-string.json", text->str, text->len, &dir);
  assert_load_fails (file, ATLAS_DATASET_ERROR_INVALID,
                     "@: title: string too long (2097152 bytes; the limit is 1048576)");
  remove_temp (file, dir);
}

static void
test_sparse_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("atlas-test-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "sparse.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(AtlasDataset) dataset = NULL;
  gint64 before;
  int fd;

  fd = g_open (path, O_CREAT | O_WRONLY | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  /* 2 GiB and one byte: over the limit whatever the memory */
  g_assert_cmpint (ftruncate (fd, ((off_t) 2 << 30) + 1), ==, 0);
  g_close (fd, NULL);

  before = g_get_monotonic_time ();
  dataset = atlas_dataset_new_from_file (file, NULL, &error);
  g_assert_null (dataset);
  g_assert_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_nonnull (strstr (error->message, "the file is too large (2147483649 bytes"));
  g_assert_cmpint (g_get_monotonic_time () - before, <, G_USEC_PER_SEC);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_missing_file (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/atlas/dataset.json");
  g_autoptr(GFile) dir = g_file_new_for_path ("/");

  assert_load_fails (file, ATLAS_DATASET_ERROR_IO,
                     "@: cannot read the file: No such file or directory");
  assert_load_fails (dir, ATLAS_DATASET_ERROR_IO, "@: cannot read the file: Is a directory");
}

static void
test_bytes (void)
{
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) bom_only = g_bytes_new_static ("\xEF\xBB\xBF \n", 5);
  g_autoptr(GBytes) not_json = g_bytes_new_static ("{\"format\": ", 11);
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) dataset = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "minimal.json", NULL);
  gsize length;

  dataset = atlas_dataset_new_from_bytes (empty, "mem", &error);
  g_assert_null (dataset);
  g_assert_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_EMPTY);
  g_assert_cmpstr (error->message, ==, "mem: the file is empty");
  g_clear_error (&error);

  dataset = atlas_dataset_new_from_bytes (bom_only, "mem", &error);
  g_assert_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_EMPTY);
  g_clear_error (&error);

  dataset = atlas_dataset_new_from_bytes (not_json, "mem", &error);
  g_assert_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_SYNTAX);
  g_assert_true (g_str_has_prefix (error->message, "mem:1:"));
  g_clear_error (&error);

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  {
    /* not NUL-terminated: a copy with a trailing guard byte that is not part of it */
    g_autoptr(GBytes) all = g_bytes_new (contents, length);
    g_autoptr(GBytes) part = g_bytes_new_from_bytes (all, 0, length);

    dataset = atlas_dataset_new_from_bytes (part, "mem", &error);
    g_assert_no_error (error);
    check_minimal (dataset);
    g_assert_null (atlas_dataset_get_file (dataset));
  }
}

static void
test_many_problems (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "bad", "many-problems.json",
                                                 NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) dataset = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *last = NULL;

  dataset = atlas_dataset_new_from_file (file, NULL, &error);
  g_assert_null (dataset);
  g_assert_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_INVALID);

  lines = g_strsplit (error->message, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 101);
  last = g_strdup_printf ("%s: … and 50 more problems", path);
  g_assert_cmpstr (lines[100], ==, last);
  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *expected = g_strdup_printf ("%s: events[%u].title: a required member is "
                                                   "missing", path, i + 1);
      g_assert_cmpstr (lines[i], ==, expected);
    }
}

typedef struct
{
  GMainLoop    *loop;
  AtlasDataset *dataset;
  GError       *error;
} AsyncData;

static void
load_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  AsyncData *data = user_data;

  data->dataset = atlas_dataset_load_finish (result, &data->error);
  g_main_loop_quit (data->loop);
}

static void
test_async (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "minimal.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  AsyncData data = { loop, NULL, NULL };

  atlas_dataset_load_async (file, NULL, load_cb, &data);
  g_main_loop_run (loop);
  g_assert_no_error (data.error);
  g_assert_nonnull (data.dataset);
  check_minimal (data.dataset);
  g_assert_true (g_file_equal (atlas_dataset_get_file (data.dataset), file));
  g_clear_object (&data.dataset);
}

static void
test_async_error (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "bad", "duplicate-id.json",
                                                 NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  AsyncData data = { loop, NULL, NULL };

  atlas_dataset_load_async (file, NULL, load_cb, &data);
  g_main_loop_run (loop);
  g_assert_null (data.dataset);
  g_assert_error (data.error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_INVALID);
  g_clear_error (&data.error);
}

static void
test_async_cancel (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "minimal.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncData data = { loop, NULL, NULL };

  g_cancellable_cancel (cancellable);
  atlas_dataset_load_async (file, cancellable, load_cb, &data);
  g_main_loop_run (loop);
  g_assert_null (data.dataset);
  g_assert_error (data.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&data.error);
}

static void
test_cancel_large (void)
{
  g_autoptr(GString) text = g_string_new ("{\"format\": \"event-atlas\", \"version\": 1, "
                                          "\"actors\": [], \"locations\": [], \"events\": [");
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *dir = NULL;
  g_autoptr(GFile) file = NULL;
  AsyncData data = { loop, NULL, NULL };

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (text, "%s{\"id\": \"e%u\", \"title\": \"t\", \"start\": \"2016\"}",
                            i > 0 ? ", " : "", i);
  g_string_append (text, "]}\n");
  file = write_temp ("large.json", text->str, text->len, &dir);

  /* cancelled from the main thread while the worker runs: either it finished
   * first or it reports the cancellation, never a partial dataset */
  atlas_dataset_load_async (file, cancellable, load_cb, &data);
  g_cancellable_cancel (cancellable);
  g_main_loop_run (loop);
  if (data.dataset != NULL)
    g_assert_cmpuint (atlas_dataset_get_n_events (data.dataset), ==, 20000);
  else
    g_assert_error (data.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_object (&data.dataset);
  g_clear_error (&data.error);
  remove_temp (file, dir);
}

static void
test_whole_or_nothing (void)
{
  /* every entry valid but the very last reference: nothing is returned, and
   * nothing leaks (LeakSanitizer checks the objects built before the problem) */
  g_autoptr(GString) text = g_string_new ("{\"format\": \"event-atlas\", \"version\": 1, "
                                          "\"actors\": [{\"id\": \"a\", \"name\": \"A\", "
                                          "\"affiliation\": \"b\"}, {\"id\": \"b\", "
                                          "\"name\": \"B\"}], \"locations\": [], \"events\": [");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) dataset = NULL;

  for (guint i = 0; i < 1000; i++)
    g_string_append_printf (text, "{\"id\": \"e%u\", \"title\": \"t\", \"start\": \"2016-01-01\", "
                            "\"participants\": [{\"actor\": \"%s\"}]}, ", i, i % 2 ? "a" : "b");
  g_string_append (text, "{\"id\": \"last\", \"title\": \"t\", \"start\": \"2016\", "
                   "\"participants\": [{\"actor\": \"c\"}]}]}");
  bytes = g_bytes_new (text->str, text->len);

  dataset = atlas_dataset_new_from_bytes (bytes, "whole", &error);
  g_assert_null (dataset);
  g_assert_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "whole: events[1000].participants[0].actor: unknown actor \"c\"");
}

static void
test_sorting (void)
{
  const char *json =
    "{\"format\": \"event-atlas\", \"version\": 1, \"actors\": [], \"locations\": [], \"events\": ["
    "{\"id\": \"c\", \"title\": \"t\", \"start\": \"2016-12-05\"},"
    "{\"id\": \"b\", \"title\": \"t\", \"start\": \"2016-12-05\", \"end\": \"2016-12-07\"},"
    "{\"id\": \"a\", \"title\": \"t\", \"start\": \"2016-12-05\"},"
    "{\"id\": \"d\", \"title\": \"t\", \"start\": \"2016-12-04T23:30:00-01:00\"},"
    "{\"id\": \"e\", \"title\": \"t\", \"start\": \"2016\"}]}";
  const char *order[] = { "e", "a", "c", "b", "d" };
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, strlen (json));
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) dataset = atlas_dataset_new_from_bytes (bytes, "sort", &error);
  gint64 from, to;

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      g_autoptr(AtlasEvent) event = g_list_model_get_item (atlas_dataset_get_events (dataset), i);

      g_assert_cmpstr (atlas_event_get_id (event), ==, order[i]);
      g_assert_cmpuint (atlas_event_get_index (event), ==, i);
    }

  g_assert_true (atlas_dataset_get_time_range (dataset, &from, &to));
  g_assert_cmpint (from, ==, atlas_time_from_civil (2016, 1, 1, 0, 0, 0));
  g_assert_cmpint (to, ==, atlas_time_from_civil (2017, 1, 1, 0, 0, 0));
  g_assert_false (atlas_dataset_get_bounds (dataset, NULL, NULL, NULL, NULL));
}

static AtlasDataset *
load_string (const char *json)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr(GError) error = NULL;
  AtlasDataset *dataset = atlas_dataset_new_from_bytes (bytes, "mem", &error);

  g_assert_no_error (error);
  return dataset;
}

static void
test_huge_array (void)
{
  /* 5 million zeros where events go: a type error, in bounded time and memory */
  const guint n = 5000000;
  g_autoptr(GString) text = g_string_sized_new (3 * n + 100);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) dataset = NULL;
  g_auto(GStrv) lines = NULL;
  struct rusage usage;
  gint64 before;

  g_string_append (text, "{\"format\": \"event-atlas\", \"version\": 1, \"actors\": [], "
                   "\"locations\": [], \"events\": [0");
  for (guint i = 1; i < n; i++)
    g_string_append (text, ", 0");
  g_string_append (text, "]}\n");
  bytes = g_string_free_to_bytes (g_steal_pointer (&text));

  before = g_get_monotonic_time ();
  dataset = atlas_dataset_new_from_bytes (bytes, "huge", &error);
  g_assert_null (dataset);
  g_assert_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_INVALID);
  lines = g_strsplit (error->message, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 101);
  g_assert_cmpstr (lines[0], ==, "huge: events[0]: expected an object, got a number");
  g_assert_cmpstr (lines[99], ==, "huge: events[99]: expected an object, got a number");
  g_assert_cmpstr (lines[100], ==, "huge: … and 4999900 more problems");
#ifndef __SANITIZE_ADDRESS__
  /* about 3 s and 470 MB at -O2 on a 2-core machine */
  g_assert_cmpint (g_get_monotonic_time () - before, <, 15 * G_USEC_PER_SEC);
  g_assert_cmpint (getrusage (RUSAGE_SELF, &usage), ==, 0);
  g_assert_cmpint (usage.ru_maxrss, <, 1024 * 1024);   /* KiB: under 1 GiB at its peak */
#else
  (void) before;
  (void) usage;
#endif
}

static void
test_value_limit (void)
{
  /* the value budget is half the available memory: try it with a small one */
  const char *json = "{\"a\": [1, 2, 3], \"b\": {\"c\": [4, 5]}}";
  g_autofree char *message = NULL;
  gsize where = 0;

  g_assert_cmpint (atlas_json_scan (json, strlen (json), 64, 10, &where, &message), ==,
                   ATLAS_JSON_SCAN_OK);
  g_assert_null (message);
  g_assert_cmpint (atlas_json_scan (json, strlen (json), 64, 6, &where, &message), ==,
                   ATLAS_JSON_SCAN_TOO_MANY);
  g_assert_cmpuint (where, ==, 22);   /* the "b" object's bracket: the 7th value */
  g_assert_null (message);
}

static void
test_long_line (void)
{
  /* the whole file on one 7 MB line; the position of a problem at its very end
   * is still exact, and found quickly */
  g_autoptr(GString) text = g_string_new ("{\"format\": \"event-atlas\", \"version\": 1, "
                                          "\"actors\": [], \"locations\": [], \"events\": [");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) dataset = NULL;
  g_autofree char *expected = NULL;
  gsize column;

  for (guint i = 0; i < 100000; i++)
    g_string_append_printf (text, "{\"id\": \"e%06u\", \"title\": \"A title of some length\", "
                            "\"start\": \"2016\"}, ", i);
  column = text->len + 1 + strlen ("{\"id\": \"last\", \"title\": \"");
  g_string_append (text, "{\"id\": \"last\", \"title\": \"tab\there\", \"start\": \"2016\"}]}");
  g_assert_cmpuint (text->len, >, 7000000);
  bytes = g_string_free_to_bytes (g_steal_pointer (&text));

  dataset = atlas_dataset_new_from_bytes (bytes, "long", &error);
  g_assert_null (dataset);
  g_assert_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_SYNTAX);
  expected = g_strdup_printf ("long:1:%" G_GSIZE_FORMAT ": raw control character U+0009 in a "
                              "string (JSON needs it escaped, as \\u0009)", column + 3);
  g_assert_cmpstr (error->message, ==, expected);
}

static void
test_edge_values (void)
{
  /* -0, a tiny exponent, an escaped surrogate pair and an escaped and a raw
   * U+202E RIGHT-TO-LEFT OVERRIDE: valid, and kept exactly */
  g_autoptr(AtlasDataset) dataset = load_string (
    "\xEF\xBB\xBF{\"format\": \"event-atlas\", \"version\": 1, \"actors\": ["
    "{\"id\": \"a\", \"name\": \"Ali \\u202Eexe.txt\"}, "
    "{\"id\": \"b\", \"name\": \"\xE2\x80\xAEraw \\ud83d\\ude00\"}], "
    "\"locations\": [{\"id\": \"l\", \"name\": \"<b>x</b> &amp;\", \"lat\": -0, \"lon\": 1e-400}], "
    "\"events\": []}");
  AtlasLocation *location = atlas_dataset_lookup_location (dataset, "l");

  g_assert_cmpstr (atlas_actor_get_name (atlas_dataset_lookup_actor (dataset, "a")), ==,
                   "Ali \xE2\x80\xAE" "exe.txt");
  g_assert_cmpstr (atlas_actor_get_name (atlas_dataset_lookup_actor (dataset, "b")), ==,
                   "\xE2\x80\xAEraw \xF0\x9F\x98\x80");
  g_assert_cmpstr (atlas_location_get_name (location), ==, "<b>x</b> &amp;");
  g_assert_cmpfloat (atlas_location_get_latitude (location), ==, 0.0);
  g_assert_cmpfloat (atlas_location_get_longitude (location), ==, 0.0);
}

static void
test_hostile_names (void)
{
  g_autoptr(AtlasDataset) dataset = load_ok ("hostile-names.json", NULL);
  AtlasEvent *event = atlas_dataset_lookup_event (dataset, "e1");

  g_assert_cmpstr (atlas_dataset_get_title (dataset), ==, "<b>Atlas</b> & <i>co</i>");
  g_assert_cmpstr (atlas_event_get_title (event), ==, "<b>x</b> & y");
  g_assert_cmpstr (atlas_actor_get_name (atlas_dataset_lookup_actor (dataset, "a1")), ==,
                   "<span foreground=\"red\">Red</span>");
  g_assert_cmpstr (atlas_actor_get_name (atlas_dataset_lookup_actor (dataset, "a3")), ==,
                   "Ali \xE2\x80\xAE" "evil.exe");
}

static void
test_bidi_isolate (void)
{
  g_autofree char *isolated = atlas_bidi_isolate ("Ali \xE2\x80\xAE" "evil");
  g_autofree char *empty = atlas_bidi_isolate (NULL);

  g_assert_cmpstr (isolated, ==, "\xE2\x81\xA8" "Ali \xE2\x80\xAE" "evil\xE2\x81\xA9");
  g_assert_cmpstr (empty, ==, ATLAS_BIDI_FSI ATLAS_BIDI_PDI);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *name = g_strndup (bad_cases[i].name, strcspn (bad_cases[i].name, "."));
      g_autofree char *test_path = g_strconcat ("/loader/bad/", name, NULL);

      g_test_add_data_func (test_path, &bad_cases[i], test_bad);
    }

  g_test_add_func ("/loader/bad/deep-nesting", test_deep_nesting);
  g_test_add_func ("/loader/bad/huge-string", test_huge_string);
  g_test_add_func ("/loader/bad/sparse-2gb", test_sparse_file);
  g_test_add_func ("/loader/bad/missing-file", test_missing_file);
  g_test_add_func ("/loader/bad/many-problems", test_many_problems);
  g_test_add_func ("/loader/bad/whole-or-nothing", test_whole_or_nothing);
  g_test_add_func ("/loader/bad/huge-array", test_huge_array);
  g_test_add_func ("/loader/bad/value-limit", test_value_limit);
  g_test_add_func ("/loader/bad/long-line", test_long_line);
  g_test_add_func ("/loader/valid/edge-values", test_edge_values);
  g_test_add_func ("/loader/valid/hostile-names", test_hostile_names);
  g_test_add_func ("/loader/valid/bidi-isolate", test_bidi_isolate);
  g_test_add_func ("/loader/valid/minimal", test_minimal);
  g_test_add_func ("/loader/valid/bom", test_bom);
  g_test_add_func ("/loader/valid/unknown-members", test_unknown_members);
  g_test_add_func ("/loader/valid/brackets-in-strings", test_brackets_in_strings);
  g_test_add_func ("/loader/valid/bytes", test_bytes);
  g_test_add_func ("/loader/valid/sorting", test_sorting);
  g_test_add_func ("/loader/async/load", test_async);
  g_test_add_func ("/loader/async/error", test_async_error);
  g_test_add_func ("/loader/async/cancelled", test_async_cancel);
  g_test_add_func ("/loader/async/cancel-while-loading", test_cancel_large);

  return g_test_run ();
}
