/* test-loader-stream.c — the loader reads the events of an event-atlas file one at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An event-atlas document whose "format" and "events" are written plainly is parsed
 * without its events, then the events array is parsed apart and each entry read and
 * dropped as soon as it is complete.  These tests check that this path gives exactly
 * what the whole-tree path gives (a "format" member name written with an escape
 * turns streaming off), whatever the order of the members, and that it reports
 * progress and can be cancelled.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "atlas-loader.h"
#include "atlas-model.h"

/* the same document, with the "format" member name escaped: read as one tree */
static char *
unstreamed (const char *json)
{
  GString *copy = g_string_new (json);

  g_assert_cmpint (g_string_replace (copy, "\"format\"", "\"form\\u0061t\"", 1), ==, 1);
  return g_string_free (copy, FALSE);
}

static AtlasDataset *
load_string (const char  *json,
             GError     **error)
{
  return atlas_loader_load_data (json, strlen (json), "<data>", NULL, NULL, error);
}

static void
test_events_first (void)
{
  const char *json =
    "{\"events\": [\n"
    "  {\"id\": \"e2\", \"title\": \"Second\", \"start\": \"2016-12-06\",\n"
    "   \"participants\": [{\"actor\": \"a1\", \"role\": \"agent\"}],\n"
    "   \"places\": [{\"location\": \"l1\"}]},\n"
    "  {\"id\": \"e1\", \"title\": \"First\", \"start\": \"2016-12-05T10:00:00+02:00\"}\n"
    " ],\n"
    " \"format\": \"event-atlas\", \"version\": 1,\n"
    " \"actors\": [{\"id\": \"a1\", \"name\": \"Actor One\"}],\n"
    " \"locations\": [{\"id\": \"l1\", \"name\": \"Aleppo\", \"lat\": 36.2, \"lon\": 37.1}]\n"
    "}\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) dataset = load_string (json, &error);
  AtlasEvent *event;
  AtlasParticipantRole role;

  g_assert_no_error (error);
  g_assert_cmpuint (atlas_dataset_get_n_events (dataset), ==, 2);
  g_assert_cmpstr (atlas_event_get_id (atlas_dataset_get_event (dataset, 0)), ==, "e1");
  event = atlas_dataset_get_event (dataset, 1);
  g_assert_cmpstr (atlas_event_get_title (event), ==, "Second");
  g_assert_cmpuint (atlas_event_get_n_participants (event), ==, 1);
  g_assert_cmpstr (atlas_actor_get_name (atlas_event_get_participant (event, 0, &role)), ==,
                   "Actor One");
  g_assert_cmpint (role, ==, ATLAS_PARTICIPANT_ROLE_AGENT);
  g_assert_cmpstr (atlas_location_get_name (atlas_event_get_place (event, 0, NULL)), ==,
                   "Aleppo");
  g_assert_true (atlas_dataset_lookup_event (dataset, "e2") == event);
}

/* root, actor and event problems keep their order and wording */
static void
test_problems_as_tree (void)
{
  const char *json =
    "{\"format\": \"event-atlas\", \"version\": 1,\n"
    " \"events\": [\n"
    "  {\"id\": \"e1\", \"title\": \"One\", \"start\": \"2016-13-01\"},\n"
    "  {\"id\": \"e1\", \"title\": \"Two\", \"start\": \"2016-12-01\",\n"
    "   \"participants\": [{\"actor\": \"nobody\"}]}\n"
    " ],\n"
    " \"title\": 5,\n"
    " \"actors\": [{\"id\": \"a1\"}],\n"
    " \"locations\": []\n"
    "}\n";
  g_autofree char *tree_json = unstreamed (json);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) tree_error = NULL;
  g_autoptr(AtlasDataset) dataset = load_string (json, &error);
  g_autoptr(AtlasDataset) tree_dataset = load_string (tree_json, &tree_error);

  g_assert_null (dataset);
  g_assert_null (tree_dataset);
  g_assert_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_INVALID);
  g_assert_error (tree_error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, tree_error->message);
  g_assert_cmpstr (error->message, ==,
                   "<data>: title: expected a string, got a number\n"
                   "<data>: actors[0].name: a required member is missing\n"
                   "<data>: events[0].start: 2016-13-01: month 13 does not exist\n"
                   "<data>: events[1].id: duplicate id \"e1\" (first at events[0])\n"
                   "<data>: events[1].participants[0].actor: unknown actor \"nobody\"");
}

/* a syntax error inside the events says where it is in the file */
static void
test_syntax_error_in_events (void)
{
  const char *json =
    "{\"format\": \"event-atlas\", \"version\": 1, \"actors\": [], \"locations\": [],\n"
    " \"events\": [\n"
    "  {\"id\": \"e1\", \"title\": \"One\" \"start\": \"2016-12-01\"}\n"
    " ]}\n";
  g_autofree char *tree_json = unstreamed (json);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) tree_error = NULL;
  g_autoptr(AtlasDataset) dataset = load_string (json, &error);
  g_autoptr(AtlasDataset) tree_dataset = load_string (tree_json, &tree_error);

  g_assert_null (dataset);
  g_assert_null (tree_dataset);
  g_assert_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_SYNTAX);
  g_assert_cmpstr (error->message, ==, tree_error->message);
  g_assert_true (g_str_has_prefix (error->message, "<data>:3:"));
}

typedef struct
{
  GArray       *fractions;
  GCancellable *cancel_at_first;
} Progress;

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  Progress *progress = user_data;

  g_array_append_val (progress->fractions, fraction);
  if (progress->cancel_at_first != NULL)
    g_cancellable_cancel (progress->cancel_at_first);
}

static char *
write_big_file (guint n_events)
{
  GString *json = g_string_new ("{\"format\": \"event-atlas\", \"version\": 1,\n"
                                "\"actors\": [], \"locations\": [], \"events\": [\n");
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd;

  for (guint i = 0; i < n_events; i++)
    g_string_append_printf (json, "{\"id\": \"e%u\", \"title\": \"Event %u\", "
                            "\"start\": \"2016-12-%02u\"}%s\n", i, i, 1 + i % 28,
                            i + 1 < n_events ? "," : "");
  g_string_append (json, "]}\n");

  fd = g_file_open_tmp ("atlas-stream-XXXXXX.json", &path, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, json->str, (gssize) json->len, &error));
  g_assert_no_error (error);
  g_close (fd, NULL);
  g_string_free (json, TRUE);
  return path;
}

static void
test_progress (void)
{
  g_autofree char *path = write_big_file (20000);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) dataset = NULL;
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  Progress progress = { fractions, NULL };

  dataset = atlas_loader_load_file_with_progress (file, progress_cb, &progress, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (atlas_dataset_get_n_events (dataset), ==, 20000);

  /* every 4096 events (5 times) and once at the end */
  g_assert_cmpuint (fractions->len, ==, 6);
  g_assert_cmpfloat (g_array_index (fractions, double, 0), <, 0.01);
  for (guint i = 1; i < fractions->len; i++)
    g_assert_cmpfloat (g_array_index (fractions, double, i), >,
                       g_array_index (fractions, double, i - 1));
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);
  g_unlink (path);
}

static void
test_cancel (void)
{
  g_autofree char *path = write_big_file (20000);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) dataset = NULL;
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  Progress progress = { fractions, cancellable };

  dataset = atlas_loader_load_file_with_progress (file, progress_cb, &progress, cancellable,
                                                  &error);
  g_assert_null (dataset);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* nothing reported after the cancellation */
  g_assert_cmpuint (fractions->len, ==, 1);
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/loader-stream/events-first", test_events_first);
  g_test_add_func ("/loader-stream/problems-as-tree", test_problems_as_tree);
  g_test_add_func ("/loader-stream/syntax-error-in-events", test_syntax_error_in_events);
  g_test_add_func ("/loader-stream/progress", test_progress);
  g_test_add_func ("/loader-stream/cancel", test_cancel);

  return g_test_run ();
}
